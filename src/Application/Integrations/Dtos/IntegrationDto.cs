using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Integrations;

/// <summary>An integration as clients see it: secrets masked, the webhook secret never included.</summary>
public sealed record IntegrationDto
{
    public int Id { get; init; }
    public int SubAccountId { get; init; }
    public int IntegrationTemplateId { get; init; }
    public string TemplateName { get; init; } = "";

    /// <summary>For the console; not part of the API's answer, whose contract has no such field.</summary>
    [JsonIgnore]
    public IntegrationKind TemplateKind { get; init; }

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

    /// <summary>Admin reads only (null for tenants).</summary>
    public IntegrationHealthDto? Health { get; init; }

    /// <summary>The DTO of an integration with its template's name and kind; health included for admins.</summary>
    public static IntegrationDto For(MapsterMapper.IMapper mapper, Domain.Integrations.Integration integration, TemplateLabel template,
        bool withHealth) =>
        mapper.Map<IntegrationDto>(integration) with
        {
            TemplateName = template.Name,
            TemplateKind = template.Kind,
            Health = withHealth
                ? new IntegrationHealthDto(integration.ConsecutiveFailures, integration.LastCheckedAt, integration.NextCheckAt,
                    template.Kind == IntegrationKind.GoHighLevel ? null : "This template has no connection check.")
                : null,
        };
}

/// <summary>How the integration's connection checks go: failures in a row, the last check, the next one.</summary>
public sealed record IntegrationHealthDto(int ConsecutiveFailures, DateTime? LastCheckedAt, DateTime? NextCheckAt, string? SkippedReason);
