using System.Diagnostics.Metrics;

namespace IntegrationHub.Application.Common.Observability;

/// <summary>Why a delivery was refused, as counted (and as the dashboard groups refusals).</summary>
public enum WebhookRejection
{
    Signature,
    /// <summary>No integration has the delivery's location, so there was no secret to verify it with.</summary>
    UnknownLocation,
    Timestamp,
    Malformed,
    TooLarge,
    /// <summary>It could not be stored right now (429, the sender retries).</summary>
    Unavailable,
}

/// <summary>What became of a stored event's processing attempt.</summary>
public enum WebhookProcessingOutcome
{
    Processed,
    RetryScheduled,
    DeadLetter,
    Unhandled,
}

/// <summary>
/// Webhook intake and processing: deliveries by outcome, inbox group commits, the backlog's age when processed.
/// Tags are low-cardinality on purpose: no location, contact or event ids.
/// </summary>
public sealed class WebhookMetrics
{
    /// <summary>Deliveries by <c>outcome</c> (accepted, duplicate, rejected): read by the console's overview too.</summary>
    public const string ReceivedInstrument = "integrationhub.webhooks.received";

    /// <summary>Seconds from receipt to processing: read by the console's overview too.</summary>
    public const string LagInstrument = "integrationhub.webhooks.processing.lag";

    private readonly Counter<long> _received;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _processed;
    private readonly Histogram<double> _lag;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(HubTelemetry.MeterName);
        _received = meter.CreateCounter<long>(ReceivedInstrument, "{delivery}",
            "Webhook deliveries by outcome (accepted, duplicate, rejected), the reason of a rejection and the signature scheme.");
        _batchSize = meter.CreateHistogram<int>("integrationhub.webhooks.inbox.batch_size", "{event}",
            "Deliveries stored per inbox commit (group commit).", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _commitDuration = meter.CreateHistogram<double>("integrationhub.webhooks.inbox.commit_duration", "s",
            "How long one inbox commit took, from its first row to its durable commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _processed = meter.CreateCounter<long>("integrationhub.webhooks.processed", "{event}",
            "Processing attempts of stored events by outcome (processed, retry_scheduled, dead_letter, unhandled) and event type.");
        _lag = meter.CreateHistogram<double>(LagInstrument, "s",
            "From a delivery's receipt to its event being processed.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 7200] });
    }

    public void Accepted(string scheme) => _received.Add(1, Outcome("accepted"), Reason("none"), Scheme(scheme));

    public void Duplicate(string scheme) => _received.Add(1, Outcome("duplicate"), Reason("none"), Scheme(scheme));

    public void Rejected(WebhookRejection reason, string scheme) =>
        _received.Add(1, Outcome("rejected"), Reason(ToTag(reason)), Scheme(scheme));

    public void InboxCommitted(int events, TimeSpan took)
    {
        _batchSize.Record(events);
        _commitDuration.Record(took.TotalSeconds);
    }

    public void EventProcessed(WebhookProcessingOutcome outcome, string eventType, DateTime receivedAt, DateTime now)
    {
        _processed.Add(1, new KeyValuePair<string, object?>("outcome", ToTag(outcome)), new KeyValuePair<string, object?>("type", eventType));
        if (outcome == WebhookProcessingOutcome.Processed)
        {
            _lag.Record(Math.Max(0, (now - receivedAt).TotalSeconds), new KeyValuePair<string, object?>("type", eventType));
        }
    }

    public static string ToTag(WebhookRejection reason) => reason switch
    {
        WebhookRejection.TooLarge => "too_large",
        WebhookRejection.UnknownLocation => "unknown_location",
        _ => reason.ToString().ToLowerInvariant(),
    };

    public static string ToTag(WebhookProcessingOutcome outcome) => outcome switch
    {
        WebhookProcessingOutcome.RetryScheduled => "retry_scheduled",
        WebhookProcessingOutcome.DeadLetter => "dead_letter",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private static KeyValuePair<string, object?> Outcome(string value) => new("outcome", value);

    private static KeyValuePair<string, object?> Reason(string value) => new("reason", value);

    private static KeyValuePair<string, object?> Scheme(string value) => new("scheme", value);
}
