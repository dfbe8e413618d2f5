using System.Text.Json;

namespace IntegrationHub.Application.Templates;

/// <summary>
/// Finds references that loop without ever moving into the data: <c>a → $ref b → $ref a</c>, or a schema that
/// refers to itself through <c>allOf</c>. Evaluating such a schema never ends (JsonSchema.Net recurses until the stack
/// overflows and the process dies), so a template must not be saved with one. Recursion through <c>properties</c>,
/// <c>items</c> and the like is fine: each step goes one level into the (finite) config.
/// </summary>
internal static class SchemaReferenceCycles
{
    private static readonly string[] ReferenceKeywords = ["$ref", "$dynamicRef", "$recursiveRef"];

    /// <summary>Keywords that apply their subschemas to the same value the schema itself is applied to.</summary>
    private static readonly string[] InPlaceSingle = ["not", "if", "then", "else"];
    private static readonly string[] InPlaceLists = ["allOf", "anyOf", "oneOf"];

    /// <summary>The pointer of a schema on a loop, or null when there is none.</summary>
    public static string? FindLoop(JsonElement root)
    {
        var anchors = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectAnchors(root, "", anchors);
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        CollectEdges(root, root, "", anchors, edges);

        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path, true: done
        foreach (var start in edges.Keys)
        {
            if (Visit(start, edges, state) is { } loop)
            {
                return loop;
            }
        }

        return null;
    }

    private static string? Visit(string node, Dictionary<string, List<string>> edges, Dictionary<string, bool> state)
    {
        // Iterative depth-first search: a hostile schema can be deep, and this check must not overflow the stack itself.
        var stack = new Stack<(string Node, int Next)>();
        if (state.ContainsKey(node))
        {
            return null;
        }

        state[node] = false;
        stack.Push((node, 0));
        while (stack.Count > 0)
        {
            var (current, next) = stack.Pop();
            var targets = edges.GetValueOrDefault(current) ?? [];
            if (next < targets.Count)
            {
                stack.Push((current, next + 1));
                var target = targets[next];
                if (!state.TryGetValue(target, out var done))
                {
                    state[target] = false;
                    stack.Push((target, 0));
                }
                else if (!done)
                {
                    return target.Length == 0 ? "/" : target;
                }
            }
            else
            {
                state[current] = true;
            }
        }

        return null;
    }

    private static void CollectEdges(JsonElement root, JsonElement schema, string pointer, Dictionary<string, string> anchors,
        Dictionary<string, List<string>> edges)
    {
        if (schema.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in schema.EnumerateArray())
            {
                CollectEdges(root, item, $"{pointer}/{index++}", anchors, edges);
            }

            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var targets = new List<string>();
        foreach (var property in schema.EnumerateObject())
        {
            var child = $"{pointer}/{Escape(property.Name)}";
            if (ReferenceKeywords.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.String
                && Target(property.Value.GetString()!, anchors) is { } target)
            {
                targets.Add(target);
            }
            else if (InPlaceSingle.Contains(property.Name))
            {
                targets.Add(child);
            }
            else if (InPlaceLists.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.Array)
            {
                targets.AddRange(Enumerable.Range(0, property.Value.GetArrayLength()).Select(i => $"{child}/{i}"));
            }
            else if (property.Name == "dependentSchemas" && property.Value.ValueKind == JsonValueKind.Object)
            {
                targets.AddRange(property.Value.EnumerateObject().Select(p => $"{child}/{Escape(p.Name)}"));
            }

            if (property.Name is not ("const" or "enum" or "default" or "examples"))
            {
                CollectEdges(root, property.Value, child, anchors, edges);
            }
        }

        edges[pointer] = targets;
    }

    private static string? Target(string reference, Dictionary<string, string> anchors)
    {
        if (!reference.StartsWith('#'))
        {
            return null; // Refused elsewhere: only references inside the schema are allowed.
        }

        var fragment = Uri.UnescapeDataString(reference[1..]);
        return fragment.Length == 0 || fragment.StartsWith('/') ? fragment : anchors.GetValueOrDefault(fragment);
    }

    private static void CollectAnchors(JsonElement schema, string pointer, Dictionary<string, string> anchors)
    {
        if (schema.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in schema.EnumerateObject())
            {
                if (property.Name is "$anchor" or "$dynamicAnchor" && property.Value.ValueKind == JsonValueKind.String)
                {
                    anchors.TryAdd(property.Value.GetString()!, pointer);
                }

                CollectAnchors(property.Value, $"{pointer}/{Escape(property.Name)}", anchors);
            }
        }
        else if (schema.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in schema.EnumerateArray())
            {
                CollectAnchors(item, $"{pointer}/{index++}", anchors);
            }
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
