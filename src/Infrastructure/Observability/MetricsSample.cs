namespace IntegrationHub.Infrastructure.Observability;

/// <summary>
/// What this instance did in one sampling interval (a minute unless set otherwise), ending at <see cref="At"/>.
/// </summary>
/// <param name="At">When the interval ended (UTC).</param>
/// <param name="WebhooksAccepted">Deliveries stored as new events.</param>
/// <param name="WebhooksDuplicate">Deliveries answered as already stored (accepted, but not new).</param>
/// <param name="WebhooksRefused">Deliveries refused: bad signature, unknown location, stale, malformed, too large, busy.</param>
/// <param name="InboxBacklog">Stored events waiting to be processed when the interval ended; null when it could not be read.</param>
/// <param name="LagAverageSeconds">Average time from receipt to processing of the events processed; null when none were.</param>
/// <param name="LagMaxSeconds">The longest such time; null when none were processed.</param>
/// <param name="OutboundByOutcome">Outbound operation tries by the status each left its operation in; every outcome, zeros included.</param>
public sealed record MetricsSample(
    DateTime At,
    long WebhooksAccepted,
    long WebhooksDuplicate,
    long WebhooksRefused,
    long? InboxBacklog,
    double? LagAverageSeconds,
    double? LagMaxSeconds,
    IReadOnlyDictionary<string, long> OutboundByOutcome);

/// <summary>This instance's recent samples, oldest first, and since when it has been sampling.</summary>
/// <param name="Sampling">False when the hub's metrics are switched off (<c>IntegrationHub:Observability:Enabled</c>).</param>
/// <param name="Since">When this instance started sampling (its start): the series say nothing about before.</param>
/// <param name="IntervalSeconds">The length of one sample's interval.</param>
/// <param name="Samples">At most the last <see cref="RecentMetrics.Capacity"/> samples, oldest first.</param>
public sealed record RecentSamples(bool Sampling, DateTime Since, double IntervalSeconds, IReadOnlyList<MetricsSample> Samples);
