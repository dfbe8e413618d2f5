using System.Text.Json.Nodes;

namespace IntegrationHub.Web.AdminConsole.Forms;

/// <summary>Reads and writes a value inside a JSON object by JSON pointer (<c>/auth/clientId</c>), creating parents on write.</summary>
internal static class JsonPaths
{
    public static JsonNode? Get(JsonObject root, string path)
    {
        JsonNode? current = root;
        foreach (var segment in Segments(path))
        {
            current = current is JsonObject obj && obj.TryGetPropertyValue(segment, out var next) ? next : null;
        }

        return current;
    }

    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var segments = Segments(path);
        var current = root;
        foreach (var segment in segments[..^1])
        {
            if (current[segment] is not JsonObject next)
            {
                current[segment] = next = [];
            }

            current = next;
        }

        current[segments[^1]] = value;
    }

    public static void Remove(JsonObject root, string path)
    {
        var segments = Segments(path);
        JsonNode? parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = parent is JsonObject obj && obj.TryGetPropertyValue(segment, out var next) ? next : null;
        }

        if (parent is JsonObject owner)
        {
            owner.Remove(segments[^1]);
        }
    }

    private static string[] Segments(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
}
