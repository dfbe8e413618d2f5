using System.Text.Json;

namespace IntegrationHub.Application.Templates;

/// <summary>
/// Every <c>$ref</c> of a config schema must point inside the schema itself: a JSON pointer (<c>#/$defs/x</c>) that
/// exists, or an <c>$anchor</c> it declares. Checked when the template is saved, so evaluation never meets a
/// reference it cannot resolve, and never has a reason to fetch anything from the network.
/// </summary>
internal static class SchemaReferences
{
    private static readonly string[] ReferenceKeywords = ["$ref", "$dynamicRef", "$recursiveRef"];

    /// <summary>Keywords whose values are data, not schemas: a "$ref" inside them is just a value.</summary>
    private static readonly HashSet<string> DataKeywords = ["const", "enum", "default", "examples"];

    /// <summary>Errors keyed by <paramref name="prefix"/> + the JSON pointer of the reference that does not resolve.</summary>
    public static Dictionary<string, string[]> Check(JsonElement root, string prefix)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var references = new List<(string Pointer, string Target)>();
        Walk(root, "", anchors, references);

        var errors = new Dictionary<string, string[]>();
        foreach (var (pointer, target) in references)
        {
            if (Problem(root, target, anchors) is { } problem)
            {
                errors[prefix + pointer] = [problem];
            }
        }

        return errors;
    }

    private static string? Problem(JsonElement root, string target, HashSet<string> anchors)
    {
        if (!target.StartsWith('#'))
        {
            return "Only references inside the schema are allowed (\"#/$defs/name\" or \"#anchor\"); remote schemas are never fetched.";
        }

        var fragment = Uri.UnescapeDataString(target[1..]);
        if (fragment.Length == 0 || fragment.StartsWith('/'))
        {
            return Resolves(root, fragment) ? null : $"The reference {Quote(target)} points at nothing in this schema.";
        }

        return anchors.Contains(fragment) ? null : $"The reference {Quote(target)} names an anchor this schema does not declare.";
    }

    /// <summary>Follows a JSON pointer (RFC 6901) from the root.</summary>
    private static bool Resolves(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return false;
            }
        }

        return current.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False;
    }

    private static void Walk(JsonElement node, string pointer, HashSet<string> anchors, List<(string, string)> references)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in node.EnumerateArray())
            {
                Walk(item, $"{pointer}/{index++}", anchors, references);
            }

            return;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in node.EnumerateObject())
        {
            var path = $"{pointer}/{property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
            if (property.Value.ValueKind == JsonValueKind.String && ReferenceKeywords.Contains(property.Name))
            {
                references.Add((path, property.Value.GetString()!));
            }
            else if (property.Value.ValueKind == JsonValueKind.String && property.Name is "$anchor" or "$dynamicAnchor")
            {
                anchors.Add(property.Value.GetString()!);
            }
            else if (!DataKeywords.Contains(property.Name))
            {
                Walk(property.Value, path, anchors, references);
            }
        }
    }

    /// <summary>Quoted and cut: the admin wrote it, but an error message should stay short.</summary>
    private static string Quote(string target) => "\"" + (target.Length <= 100 ? target : target[..100] + "...") + "\"";
}
