using System.Text.Json;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// The names people see for a config's properties: the schema's <c>title</c> (the console's label for the field),
/// else the JSON name. Messages use them; the errors map stays keyed by JSON path (<c>config/baseUrl</c>).
/// </summary>
internal sealed class ConfigLabels(JsonElement schema)
{
    public string Of(string name) =>
        schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
        && properties.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Object
        && property.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String
        && title.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : name;
}
