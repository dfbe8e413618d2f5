using System.Net;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Infrastructure.GoHighLevel;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>
/// The hub's instruments as a <see cref="System.Diagnostics.Metrics.MeterListener"/> sees them: each outcome counted once,
/// with the tags the dashboards group by, and the real components (resilience handler, circuit breakers) reporting
/// what they did.
/// </summary>
public sealed class InstrumentTests
{
    private const string Received = "integrationhub.webhooks.received";

    [Test]
    public void Each_webhook_intake_outcome_is_counted_once_with_its_reason_and_scheme()
    {
        using var recorder = new MetricRecorder();
        var metrics = new WebhookMetrics(recorder.Meters);

        metrics.Accepted("hmac-sha256");
        metrics.Duplicate("ghl-ed25519");
        metrics.Rejected(WebhookRejection.Signature, "standard-webhooks");
        metrics.Rejected(WebhookRejection.UnknownLocation, "hmac-sha256");
        metrics.Rejected(WebhookRejection.Timestamp, "standard-webhooks");
        metrics.Rejected(WebhookRejection.TooLarge, "unknown");
        metrics.Rejected(WebhookRejection.Unavailable, "unknown");

        recorder.Of(Received).Should().HaveCount(7);
        recorder.Sum(Received, ("outcome", "accepted"), ("reason", "none"), ("scheme", "hmac-sha256")).Should().Be(1);
        recorder.Sum(Received, ("outcome", "duplicate"), ("scheme", "ghl-ed25519")).Should().Be(1);
        recorder.Sum(Received, ("outcome", "rejected"), ("reason", "signature"), ("scheme", "standard-webhooks")).Should().Be(1);
        recorder.Sum(Received, ("outcome", "rejected"), ("reason", "unknown_location"), ("scheme", "hmac-sha256")).Should().Be(1);
        recorder.Sum(Received, ("outcome", "rejected"), ("reason", "timestamp")).Should().Be(1);
        recorder.Sum(Received, ("outcome", "rejected"), ("reason", "too_large")).Should().Be(1);
        recorder.Sum(Received, ("outcome", "rejected"), ("reason", "unavailable")).Should().Be(1);
        recorder.Of(Received).Should().OnlyContain(r => r.Tags.Keys.Order().SequenceEqual(new[] { "outcome", "reason", "scheme" }));
    }

    [Test]
    public void A_recorder_hears_only_its_own_meter_factory()
    {
        using var mine = new MetricRecorder();
        new WebhookMetrics(TestMeters.Factory()).Accepted("hmac-sha256");
        mine.Of(Received).Should().BeEmpty("another host's instruments share the names, not the meter");
    }

    [Test]
    public void Inbox_commits_and_processing_record_batch_size_duration_and_lag_for_processed_events_only()
    {
        using var recorder = new MetricRecorder();
        var metrics = new WebhookMetrics(recorder.Meters);
        var received = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

        metrics.InboxCommitted(12, TimeSpan.FromMilliseconds(3));
        metrics.EventProcessed(WebhookProcessingOutcome.Processed, "ContactCreate", received, received.AddSeconds(2));
        metrics.EventProcessed(WebhookProcessingOutcome.RetryScheduled, "ContactCreate", received, received.AddSeconds(9));
        metrics.EventProcessed(WebhookProcessingOutcome.DeadLetter, "OutboundMessage", received, received.AddSeconds(9));
        metrics.EventProcessed(WebhookProcessingOutcome.Unhandled, "other", received, received.AddSeconds(9));

        recorder.Of("integrationhub.webhooks.inbox.batch_size").Should().ContainSingle().Which.Value.Should().Be(12);
        recorder.Of("integrationhub.webhooks.inbox.commit_duration").Should().ContainSingle().Which.Value.Should().BeApproximately(0.003, 1e-9);
        const string processed = "integrationhub.webhooks.processed";
        recorder.Sum(processed, ("outcome", "processed"), ("type", "ContactCreate")).Should().Be(1);
        recorder.Sum(processed, ("outcome", "retry_scheduled"), ("type", "ContactCreate")).Should().Be(1);
        recorder.Sum(processed, ("outcome", "dead_letter"), ("type", "OutboundMessage")).Should().Be(1);
        recorder.Sum(processed, ("outcome", "unhandled"), ("type", "other")).Should().Be(1);
        recorder.Of("integrationhub.webhooks.processing.lag").Should().ContainSingle("only a processed event has a lag")
            .Which.Value.Should().Be(2);
    }

    [Test]
    public async Task The_resilience_handler_counts_each_attempt_by_status_each_retry_by_cause_and_the_rate_limiter_wait()
    {
        using var recorder = new MetricRecorder();
        var answers = new Queue<Func<HttpResponseMessage>>([
            () => new HttpResponseMessage(HttpStatusCode.TooManyRequests),
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
            () => throw new HttpRequestException(HttpRequestError.ConnectionError),
            () => new HttpResponseMessage(HttpStatusCode.OK),
        ]);
        using var client = Client(recorder, new Answering(answers), maxAttempts: 4);

        (await client.GetAsync("http://ghl.test/locations/loc-1")).StatusCode.Should().Be(HttpStatusCode.OK);

        const string requests = "integrationhub.gohighlevel.requests";
        recorder.Of(requests).Should().HaveCount(4, "four attempts, each counted once");
        recorder.Sum(requests, ("operation", "get_location"), ("status_class", "4xx"), ("status_code", "429")).Should().Be(1);
        recorder.Sum(requests, ("operation", "get_location"), ("status_class", "5xx"), ("status_code", "502")).Should().Be(1);
        recorder.Sum(requests, ("operation", "get_location"), ("status_class", "none"), ("status_code", "none")).Should().Be(1);
        recorder.Sum(requests, ("operation", "get_location"), ("status_class", "2xx"), ("status_code", "200")).Should().Be(1);
        const string retries = "integrationhub.gohighlevel.retries";
        recorder.Of(retries).Should().HaveCount(3);
        recorder.Sum(retries, ("cause", "rate_limited")).Should().Be(1);
        recorder.Sum(retries, ("cause", "server_error")).Should().Be(1);
        recorder.Sum(retries, ("cause", "network")).Should().Be(1);
        recorder.Of("integrationhub.gohighlevel.rate_limiter.wait").Should().HaveCount(4).And.OnlyContain(r => r.Value >= 0);
        recorder.Of("integrationhub.gohighlevel.request.duration").Should().HaveCount(4);
    }

    [Test]
    public void Circuit_breaker_transitions_are_counted_once_each_and_open_circuits_are_a_gauge()
    {
        using var recorder = new MetricRecorder();
        var clock = new FakeTimeProvider();
        var breakers = new LocationCircuitBreakers(Microsoft.Extensions.Options.Options.Create(new GoHighLevelOptions
        {
            BreakerFailureThreshold = 2, BreakerBreakDuration = TimeSpan.FromSeconds(30),
        }), new GoHighLevelMetrics(recorder.Meters), clock);
        const string transitions = "integrationhub.gohighlevel.breaker.transitions";

        breakers.RecordFailure("loc", "GoHighLevel failed (HTTP 500)");
        recorder.Of(transitions).Should().BeEmpty("one failure is below the threshold");
        breakers.RecordFailure("loc", "GoHighLevel failed (HTTP 500)");
        breakers.RecordFailure("loc", "GoHighLevel failed (HTTP 500)"); // a call that was already under way: the break is extended, not entered again
        recorder.Sum(transitions, ("state", "open")).Should().Be(1);
        recorder.Current("integrationhub.gohighlevel.breakers.open").Should().Be(1);

        clock.Advance(TimeSpan.FromSeconds(31));
        breakers.TryEnter("loc", out _).Should().BeTrue();
        breakers.TryEnter("loc", out _).Should().BeFalse();
        recorder.Sum(transitions, ("state", "half_open")).Should().Be(1);
        breakers.RecordFailure("loc", "GoHighLevel failed (HTTP 500)");
        recorder.Sum(transitions, ("state", "open")).Should().Be(2, "a failed trial opens it again");

        clock.Advance(TimeSpan.FromSeconds(31));
        breakers.TryEnter("loc", out _).Should().BeTrue();
        breakers.RecordSuccess("loc");
        breakers.RecordSuccess("loc");
        recorder.Sum(transitions, ("state", "closed")).Should().Be(1);
        recorder.Of(transitions).Should().HaveCount(5);
        recorder.Current("integrationhub.gohighlevel.breakers.open").Should().Be(0);
    }

    [Test]
    public void Integration_metrics_count_checks_alerts_runs_and_only_the_contact_outcomes_that_happened()
    {
        using var recorder = new MetricRecorder();
        var metrics = new IntegrationMetrics(recorder.Meters);

        metrics.HealthChecked(success: false);
        metrics.HealthChecked(success: true);
        metrics.AlertRaised("failing");
        metrics.SyncRunFinished("succeeded");
        metrics.ContactsSynced(created: 3, updated: 0, unchanged: 2, failed: 0);

        recorder.Sum("integrationhub.health_checks", ("result", "failure")).Should().Be(1);
        recorder.Sum("integrationhub.health_checks", ("result", "success")).Should().Be(1);
        recorder.Sum("integrationhub.alerts.raised", ("kind", "failing")).Should().Be(1);
        recorder.Sum("integrationhub.sync_runs", ("result", "succeeded")).Should().Be(1);
        recorder.Of("integrationhub.sync.contacts").Select(r => (r.Tags["outcome"], r.Value)).Should().BeEquivalentTo(new[] { ("created", 3.0), ("unchanged", 2.0) });
    }

    private static HttpClient Client(MetricRecorder recorder, HttpMessageHandler inner, int maxAttempts)
    {
        var options = new GoHighLevelOptions
        {
            MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), BreakerFailureThreshold = 50,
        };
        var metrics = new GoHighLevelMetrics(recorder.Meters);
        var handler = new GhlResilienceHandler("loc-1", "get_location", options, new LocationRateLimiter(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System),
            new LocationCircuitBreakers(Microsoft.Extensions.Options.Options.Create(options), metrics, TimeProvider.System), metrics, TimeProvider.System, NullLogger.Instance)
        {
            InnerHandler = inner,
        };
        return new HttpClient(handler);
    }

    private sealed class Answering(Queue<Func<HttpResponseMessage>> answers) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answers.Dequeue()());
    }
}
