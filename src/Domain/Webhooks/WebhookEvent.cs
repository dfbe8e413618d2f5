using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Webhooks;

public enum WebhookEventStatus
{
    /// <summary>Stored, waiting for its first processing attempt.</summary>
    Received,
    /// <summary>An attempt failed; another is scheduled at <see cref="WebhookEvent.NextAttemptAt"/>.</summary>
    RetryScheduled,
    Processed,
    /// <summary>Every attempt failed: a dead letter, until replayed.</summary>
    Failed,
    /// <summary>A type the hub does not act on; kept, not rejected.</summary>
    Unhandled,
    /// <summary>Signed, but no integration has its location id (yet); replay once it exists.</summary>
    Unmatched,
}

/// <summary>
/// One webhook delivery in the durable inbox. It is committed before the sender gets its 2xx, so nothing
/// accepted is lost; processing happens afterwards and can be retried or replayed.
/// </summary>
public sealed class WebhookEvent : Entity
{
    public const int MaxErrorLength = 2000;

    /// <summary>A W3C <c>traceparent</c> is 55 characters; room for a future version's longer form.</summary>
    public const int MaxTraceParentLength = 64;

    /// <summary>Delays before the 2nd, 3rd... attempt; after the last one the event is a dead letter.</summary>
    public static readonly TimeSpan[] RetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6),
    ];

    private readonly List<WebhookAttempt> _attempts = [];

    private WebhookEvent() { }

    /// <summary>The sender's delivery id (<c>webhookId</c>, <c>webhook-id</c>) or a hash of the body: unique.</summary>
    public string DeliveryId { get; private set; } = "";
    public string Source { get; private set; } = "";
    public string EventType { get; private set; } = "";
    public string? LocationId { get; private set; }
    public int? IntegrationId { get; private set; }
    public int? SubAccountId { get; private set; }
    public string SignatureScheme { get; private set; } = "";
    public string Body { get; private set; } = "";
    public WebhookEventStatus Status { get; private set; }
    public int AttemptCount { get; private set; }
    public DateTime? NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public DateTime? ProcessedAt { get; private set; }

    /// <summary>The trace context of the request that delivered it, so processing continues the same trace.</summary>
    public string? TraceParent { get; private set; }
    public IReadOnlyList<WebhookAttempt> Attempts => _attempts;

    /// <summary>
    /// GoHighLevel's app lifecycle events (<c>AppInstall</c>, <c>AppUninstall</c>, <c>LocationCreate</c>): about an agency
    /// install or a location the hub may not have an integration for yet, so they are processed without one.
    /// </summary>
    public static readonly IReadOnlySet<string> AppEventTypes = new HashSet<string>(StringComparer.Ordinal) { "AppInstall", "AppUninstall", "LocationCreate" };

    /// <summary>Whether an event of this type is processed even when no integration has its location.</summary>
    public static bool ProcessedWithoutIntegration(string eventType) => AppEventTypes.Contains(eventType);

    public static WebhookEvent Receive(string deliveryId, string source, string eventType, string? locationId, int? integrationId,
        int? subAccountId, string signatureScheme, string body, DateTime now, string? traceParent = null) => new()
    {
        TraceParent = traceParent is { Length: <= MaxTraceParentLength } ? traceParent : null,
        DeliveryId = deliveryId,
        Source = source,
        EventType = eventType,
        LocationId = locationId,
        IntegrationId = integrationId,
        SubAccountId = subAccountId,
        SignatureScheme = signatureScheme,
        Body = body,
        Status = integrationId is null && !ProcessedWithoutIntegration(eventType) ? WebhookEventStatus.Unmatched : WebhookEventStatus.Received,
        ReceivedAt = now,
    };

    public bool IsDue(DateTime now) =>
        Status == WebhookEventStatus.Received || (Status == WebhookEventStatus.RetryScheduled && NextAttemptAt <= now);

    public void MarkProcessed(DateTime now, TimeSpan took)
    {
        EnsureBeingProcessed();
        Record(now, took, null);
        Status = WebhookEventStatus.Processed;
        ProcessedAt = now;
        NextAttemptAt = null;
        LastError = null;
    }

    public void MarkUnhandled(DateTime now)
    {
        EnsureBeingProcessed();
        Record(now, TimeSpan.Zero, null);
        Status = WebhookEventStatus.Unhandled;
        ProcessedAt = now;
        NextAttemptAt = null;
    }

    /// <summary>Content processing cannot use (a contact without its id): a dead letter at once, kept with the reason.</summary>
    public void MarkUnusable(string reason, DateTime now)
    {
        EnsureBeingProcessed();
        Record(now, TimeSpan.Zero, reason);
        LastError = Guard.Truncate(reason, MaxErrorLength);
        Status = WebhookEventStatus.Failed;
        ProcessedAt = null;
        NextAttemptAt = null;
    }

    /// <summary>Records a failed attempt and schedules the next one, or makes the event a dead letter.</summary>
    public void MarkFailedAttempt(string error, DateTime now, TimeSpan took, TimeSpan jitter)
    {
        EnsureBeingProcessed();
        Record(now, took, error);
        LastError = Guard.Truncate(error, MaxErrorLength);
        if (AttemptCount > RetrySchedule.Length)
        {
            Status = WebhookEventStatus.Failed;
            NextAttemptAt = null;
            return;
        }

        Status = WebhookEventStatus.RetryScheduled;
        NextAttemptAt = now + RetrySchedule[AttemptCount - 1] + jitter;
    }

    /// <summary>An admin asks for it to be processed again (processing is idempotent).</summary>
    public void Replay(int? integrationId, int? subAccountId)
    {
        IntegrationId = integrationId ?? IntegrationId;
        SubAccountId = subAccountId ?? SubAccountId;
        Status = IntegrationId is null && !ProcessedWithoutIntegration(EventType) ? WebhookEventStatus.Unmatched : WebhookEventStatus.Received;
        NextAttemptAt = null;
    }

    /// <summary>
    /// The person it was about was erased: the body becomes <paramref name="marker"/> (its ids only), and error texts that
    /// may quote it go. The delivery id stays, so a redelivery is still recognised as a duplicate.
    /// </summary>
    public void Redact(string marker)
    {
        Body = marker;
        LastError = LastError is null ? null : Redacted;
        _attempts.ForEach(a => a.Redact());
    }

    public const string Redacted = "Redacted: the person was erased.";

    /// <summary>Outcomes are recorded only for an event that was due for processing (received, or its retry scheduled).</summary>
    private void EnsureBeingProcessed()
    {
        if (Status is not (WebhookEventStatus.Received or WebhookEventStatus.RetryScheduled))
        {
            throw new DomainRuleException($"Webhook event {Id} is {Status.ToApiName()}; only a received or retry-scheduled event is processed.");
        }
    }

    private void Record(DateTime now, TimeSpan took, string? error)
    {
        AttemptCount++;
        _attempts.Add(new WebhookAttempt(AttemptCount, now, (int)took.TotalMilliseconds, error));
    }
}

/// <summary>One processing attempt of a webhook event.</summary>
public sealed class WebhookAttempt
{
    private WebhookAttempt() { }

    public WebhookAttempt(int number, DateTime at, int durationMs, string? error)
    {
        Number = number;
        At = at;
        DurationMs = durationMs;
        Error = Guard.Truncate(error, WebhookEvent.MaxErrorLength);
    }

    public int Id { get; private set; }
    public int WebhookEventId { get; private set; }
    public int Number { get; private set; }
    public DateTime At { get; private set; }
    public int DurationMs { get; private set; }
    public bool Succeeded => Error is null;
    public string? Error { get; private set; }

    internal void Redact() => Error = Error is null ? null : WebhookEvent.Redacted;
}
