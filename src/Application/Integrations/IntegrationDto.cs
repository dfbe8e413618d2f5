using System.Text.Json;

namespace IntegrationHub.Application.Integrations;

/// <summary>An integration as clients see it: secrets masked, the webhook secret never included.</summary>
public sealed record IntegrationDto
{
    public int Id { get; init; }
    public int SubAccountId { get; init; }
    public int IntegrationTemplateId { get; init; }
    public string TemplateName { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public bool IsActive { get; init; }
    public string Status { get; init; } = "";
    public JsonElement Config { get; init; }
    public DateTime? LastSyncAt { get; init; }
    public string? ErrorMessage { get; init; }
    public bool HasWebhookSecret { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int? CreatedByAdminId { get; init; }
}
