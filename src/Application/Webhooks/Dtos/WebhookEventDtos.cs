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

/// <param name="Body">The body as received, as text: parsing and serializing it again would change it (<c>+</c> became
/// <c>\u002B</c>, spacing and property order could differ), and an admin comparing it with the sender's log needs the bytes sent.</param>
public sealed record WebhookEventDetailsDto(WebhookEventDto Event, string Body, IReadOnlyList<WebhookAttemptDto> Attempts);
