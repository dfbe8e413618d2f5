using System.Diagnostics.Metrics;

namespace IntegrationHub.Application.Common.Observability;

/// <summary>
/// How GoHighLevel answers the hub: calls by operation and status, time spent waiting for the per-location rate limiter,
/// retries by cause, and circuit breaker changes. No location ids: there can be thousands.
/// </summary>
public sealed class GoHighLevelMetrics
{
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _rateLimitWait;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _breakerChanges;
    private readonly Meter _meter;

    public GoHighLevelMetrics(IMeterFactory meters)
    {
        var meter = _meter = meters.Create(HubTelemetry.MeterName);
        _requests = meter.CreateCounter<long>("integrationhub.gohighlevel.requests", "{request}",
            "HTTP attempts to GoHighLevel by operation, status class (2xx, 4xx, 5xx, or none when no answer came) and status code.");
        _duration = meter.CreateHistogram<double>("integrationhub.gohighlevel.request.duration", "s",
            "How long one HTTP attempt to GoHighLevel took, by operation.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _rateLimitWait = meter.CreateHistogram<double>("integrationhub.gohighlevel.rate_limiter.wait", "s",
            "How long a call waited for its location's rate-limit budget before being sent.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, 0.001, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30] });
        _retries = meter.CreateCounter<long>("integrationhub.gohighlevel.retries", "{retry}",
            "Attempts repeated by the resilience handler, by operation and cause (rate_limited, server_error, timeout, network).");
        _breakerChanges = meter.CreateCounter<long>("integrationhub.gohighlevel.breaker.transitions", "{transition}",
            "Per-location circuit breaker changes by the state entered (open, half_open, closed).");
    }

    /// <summary>One attempt's answer; <paramref name="statusCode"/> is null when none came (timeout, network error).</summary>
    public void Attempted(string operation, int? statusCode, TimeSpan took)
    {
        var operationTag = new KeyValuePair<string, object?>("operation", operation);
        _requests.Add(1, operationTag,
            new KeyValuePair<string, object?>("status_class", statusCode is { } code ? $"{code / 100}xx" : "none"),
            new KeyValuePair<string, object?>("status_code", statusCode is { } known ? StatusCodeTag(known) : "none"));
        _duration.Record(took.TotalSeconds, operationTag);
    }

    public void WaitedForRateLimit(string operation, TimeSpan waited) =>
        _rateLimitWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("operation", operation));

    public void Retrying(string operation, string cause) =>
        _retries.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("cause", cause));

    public void BreakerChanged(string state) => _breakerChanges.Add(1, new KeyValuePair<string, object?>("state", state));

    /// <summary>Reports how many locations' circuits are open whenever metrics are collected.</summary>
    public void TrackOpenCircuits(Func<int> openCircuits) =>
        _meter.CreateObservableGauge("integrationhub.gohighlevel.breakers.open", openCircuits, "{circuit}",
            "Locations whose GoHighLevel circuit is open (calls fail fast) right now.");

    // Status codes are few in practice; anything outside HTTP's range is one value so a broken peer cannot add series.
    private static string StatusCodeTag(int code) =>
        code is >= 100 and <= 599 ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : HubTelemetry.Other;
}
