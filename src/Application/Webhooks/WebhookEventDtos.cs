using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

public sealed record WebhookEventDto(int Id, string DeliveryId, string Source, string EventType, string? LocationId, int? IntegrationId,
    int? SubAccountId, string SignatureScheme, string Status, int AttemptCount, DateTime? NextAttemptAt, string? LastError,
    DateTime ReceivedAt, DateTime? ProcessedAt)
{
    public static WebhookEventDto From(WebhookEvent e) => new(e.Id, e.DeliveryId, e.Source, e.EventType, e.LocationId, e.IntegrationId,
        e.SubAccountId, e.SignatureScheme, e.Status.ToApiName(), e.AttemptCount, e.NextAttemptAt, e.LastError, e.ReceivedAt, e.ProcessedAt);
}

public sealed record WebhookAttemptDto(int Number, DateTime At, int DurationMs, bool Succeeded, string? Error);

public sealed record WebhookEventDetailsDto(WebhookEventDto Event, System.Text.Json.JsonElement Body, IReadOnlyList<WebhookAttemptDto> Attempts);
