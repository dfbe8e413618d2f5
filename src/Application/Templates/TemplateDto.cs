using System.Text.Json;
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
    public static TemplateDto From(IntegrationTemplate template, int integrationCount) => new(
        template.Id, template.Name, template.DisplayName, template.Description, template.Category, template.Icon,
        template.IsActive, JsonDocument.Parse(template.ConfigSchema).RootElement.Clone(), template.SetupInstructions,
        template.WebhookUrl, template.ApiVersion, integrationCount, template.CreatedAt, template.UpdatedAt,
        template.CreatedByAdminId);
}
