using System.Text.Json;
using IntegrationHub.Application.Templates;

namespace IntegrationHub.Web.AdminConsole.Forms;

/// <summary>A template as its edit form holds it: the schema as the JSON text the admin types.</summary>
public sealed class TemplateForm
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string? Name { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public string? Icon { get; set; }
    public bool IsActive { get; set; } = true;
    public string? ApiVersion { get; set; }
    public string? WebhookUrl { get; set; }
    public string? SetupInstructions { get; set; }
    public string? ConfigSchema { get; set; }

    public static TemplateForm From(TemplateDto template) => new()
    {
        Name = template.Name,
        DisplayName = template.DisplayName,
        Description = template.Description,
        Category = template.Category,
        Icon = template.Icon,
        IsActive = template.IsActive,
        ApiVersion = template.ApiVersion,
        WebhookUrl = template.WebhookUrl,
        SetupInstructions = template.SetupInstructions,
        ConfigSchema = JsonSerializer.Serialize(template.ConfigSchema, Indented),
    };

    /// <summary>The API's own check of a config schema, run on the text as typed (plus whether it is JSON at all).</summary>
    public static IReadOnlyDictionary<string, string[]> CheckSchema(string? text, out JsonElement schema)
    {
        schema = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Dictionary<string, string[]> { ["configSchema"] = ["Enter the configuration schema: a JSON object with \"type\": \"object\"."] };
        }

        try
        {
            schema = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return new Dictionary<string, string[]> { ["configSchema"] = [JsonSyntax.Describe(ex, text)] };
        }

        return ConfigSchemaRules.Check(schema);
    }

    public T Fields<T>(JsonElement schema) where T : TemplateFields, new() => new()
    {
        DisplayName = DisplayName,
        Description = Blank(Description),
        Category = Category,
        Icon = Blank(Icon),
        IsActive = IsActive,
        ApiVersion = Blank(ApiVersion),
        WebhookUrl = Blank(WebhookUrl),
        SetupInstructions = Blank(SetupInstructions),
        ConfigSchema = schema,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
