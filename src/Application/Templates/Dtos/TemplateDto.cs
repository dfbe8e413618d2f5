using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Templates;

public sealed record TemplateDto(
    int Id,
    string Name,
    string DisplayName,
    string? Description,
    string Category,
    string? Icon,
    bool IsActive,
    JsonElement ConfigSchema,
    string? SetupInstructions,
    string? WebhookUrl,
    string? ApiVersion,
    int IntegrationCount,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int? CreatedByAdminId)
{
    /// <summary>For the console; not part of the API's answer, whose contract has no such field.</summary>
    [JsonIgnore]
    public IntegrationKind Kind { get; init; }

    public static TemplateDto From(IntegrationTemplate template, int integrationCount) => new(
        template.Id, template.Name, template.DisplayName, template.Description, template.Category, template.Icon,
        template.IsActive, JsonDocument.Parse(template.ConfigSchema).RootElement.Clone(), template.SetupInstructions,
        template.WebhookUrl, template.ApiVersion, integrationCount, template.CreatedAt, template.UpdatedAt,
        template.CreatedByAdminId) { Kind = template.Kind };
}
