using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

/// <summary>A stored event with its body parsed (once per unit of work).</summary>
public sealed record ParsedEvent(WebhookEvent Event, ParsedWebhook Webhook)
{
    /// <summary>The sub-account the event belongs to (events are processed only once routed to an integration).</summary>
    public int SubAccountId => Event.SubAccountId ?? throw new InvalidOperationException("The event has no integration.");
}

/// <summary>
/// Turns one kind of GoHighLevel event into its effects, staged on the unit of work; <see cref="WebhookEventProcessor"/>
/// commits them with the event's new status. Handlers keep per-unit-of-work caches, forgotten when a batch fails.
/// </summary>
public interface IWebhookEventHandler
{
    bool Handles(string eventType);

    /// <summary>Loads in a few queries what a batch of its events will look up.</summary>
    Task PrepareAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken);

    Task HandleAsync(ParsedEvent parsed, CancellationToken cancellationToken);

    /// <summary>Work that needs its events committed first (e.g. linking messages that waited for a contact).</summary>
    Task AfterCommitAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken);

    void Forget();
}
