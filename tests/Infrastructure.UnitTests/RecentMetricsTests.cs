using System.Diagnostics.Metrics;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Observability;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>
/// The overview's sampler: the hub's own instruments (the ones /metrics exports) turned into one sample per interval,
/// each holding what happened since the one before, the last hour kept.
/// </summary>
public sealed class RecentMetricsTests
{
    private static readonly DateTime Start = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    private FakeTimeProvider _clock = null!;
    private IMeterFactory _meters = null!;
    private RecentMetrics _recent = null!;
    private WebhookMetrics _webhooks = null!;
    private OutboundMetrics _outbound = null!;
    private long _backlog;

    [SetUp]
    public void Create()
    {
        _clock = new FakeTimeProvider(Start);
        _meters = TestMeters.Factory();
        _webhooks = new WebhookMetrics(_meters);
        _outbound = new OutboundMetrics(_meters);
        // The backlog gauge as DatabaseGauges publishes it, without a database: a value read when the sample is taken.
        _meters.Create(HubTelemetry.MeterName).CreateObservableGauge(DatabaseGauges.PendingEventsInstrument, () => _backlog);
        _recent = new RecentMetrics(_meters, Microsoft.Extensions.Options.Options.Create(new RecentMetricsOptions()), _clock);
    }

    [TearDown]
    public void Dispose()
    {
        _recent.Dispose();
        (_meters as IDisposable)?.Dispose();
    }

    [Test]
    public void Each_sample_holds_the_increments_since_the_one_before_not_the_running_totals()
    {
        Deliveries(accepted: 3, duplicate: 1, refused: 2);
        _backlog = 7;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var first = _recent.TakeSample();

        Deliveries(accepted: 5, duplicate: 0, refused: 0);
        _backlog = 2;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = _recent.TakeSample();

        _clock.Advance(TimeSpan.FromMinutes(1));
        var quiet = _recent.TakeSample();

        first.Should().BeEquivalentTo(new { At = Start.AddMinutes(1), WebhooksAccepted = 3, WebhooksDuplicate = 1, WebhooksRefused = 2, InboxBacklog = 7 });
        second.Should().BeEquivalentTo(new { At = Start.AddMinutes(2), WebhooksAccepted = 5, WebhooksDuplicate = 0, WebhooksRefused = 0, InboxBacklog = 2 });
        quiet.Should().BeEquivalentTo(new { WebhooksAccepted = 0, WebhooksRefused = 0, InboxBacklog = 2, LagAverageSeconds = (double?)null });
        _recent.Snapshot().Samples.Select(s => s.At).Should().Equal(Start.AddMinutes(1), Start.AddMinutes(2), Start.AddMinutes(3));
    }

    [Test]
    public void Processing_lag_is_averaged_per_interval_with_its_longest_and_outbound_tries_are_counted_by_outcome_zeros_included()
    {
        _webhooks.EventProcessed(WebhookProcessingOutcome.Processed, "ContactCreate", Start, Start.AddSeconds(1));
        _webhooks.EventProcessed(WebhookProcessingOutcome.Processed, "ContactCreate", Start, Start.AddSeconds(3));
        _webhooks.EventProcessed(WebhookProcessingOutcome.RetryScheduled, "ContactCreate", Start, Start.AddSeconds(60)); // no lag: not processed
        _outbound.Completed(OutboundKind.ContactCreate, OutboundStatus.Succeeded);
        _outbound.Completed(OutboundKind.ContactUpdate, OutboundStatus.Succeeded);
        _outbound.Completed(OutboundKind.Alert, OutboundStatus.Failed);
        var first = _recent.TakeSample();

        _webhooks.EventProcessed(WebhookProcessingOutcome.Processed, "ContactCreate", Start, Start.AddSeconds(0.5));
        _outbound.Completed(OutboundKind.ContactCreate, OutboundStatus.Pending);
        var second = _recent.TakeSample();

        first.LagAverageSeconds.Should().BeApproximately(2, 1e-6);
        first.LagMaxSeconds.Should().BeApproximately(3, 1e-6);
        first.OutboundByOutcome.Should().Contain(new Dictionary<string, long> { ["succeeded"] = 2, ["failed"] = 1, ["pending"] = 0, ["cancelled"] = 0 });
        first.OutboundByOutcome.Should().NotContainKey("running", "a try never ends running");
        second.LagAverageSeconds.Should().BeApproximately(0.5, 1e-6);
        second.LagMaxSeconds.Should().BeApproximately(0.5, 1e-6, "the longest is the interval's own, not the longest ever");
        second.OutboundByOutcome.Should().Contain(new Dictionary<string, long> { ["succeeded"] = 0, ["failed"] = 0, ["pending"] = 1 });
    }

    [Test]
    public void Only_the_last_hour_is_kept_and_another_hosts_instruments_are_not_heard()
    {
        var otherHost = new WebhookMetrics(TestMeters.Factory());
        for (var minute = 1; minute <= RecentMetrics.Capacity + 5; minute++)
        {
            Deliveries(accepted: minute, duplicate: 0, refused: 0);
            otherHost.Rejected(WebhookRejection.Signature, "hmac-sha256");
            _clock.Advance(TimeSpan.FromMinutes(1));
            _recent.TakeSample();
        }

        var samples = _recent.Snapshot().Samples;
        samples.Should().HaveCount(RecentMetrics.Capacity);
        samples[0].WebhooksAccepted.Should().Be(6, "the five oldest samples were dropped");
        samples[^1].WebhooksAccepted.Should().Be(RecentMetrics.Capacity + 5);
        samples.Should().OnlyContain(s => s.WebhooksRefused == 0, "the same instrument names of another host are not this instance's");
        _recent.Snapshot().Since.Should().Be(Start);
    }

    [Test]
    public void Switched_off_it_hears_nothing_and_says_so()
    {
        using var off = new RecentMetrics(_meters, Microsoft.Extensions.Options.Options.Create(new RecentMetricsOptions()), _clock, listen: false);
        Deliveries(accepted: 4, duplicate: 0, refused: 1);

        off.TakeSample().Should().BeEquivalentTo(new { WebhooksAccepted = 0, WebhooksRefused = 0, InboxBacklog = (long?)null });
        off.Snapshot().Sampling.Should().BeFalse();
    }

    private void Deliveries(int accepted, int duplicate, int refused)
    {
        for (var i = 0; i < accepted; i++)
        {
            _webhooks.Accepted("hmac-sha256");
        }

        for (var i = 0; i < duplicate; i++)
        {
            _webhooks.Duplicate("hmac-sha256");
        }

        for (var i = 0; i < refused; i++)
        {
            _webhooks.Rejected(i % 2 == 0 ? WebhookRejection.Signature : WebhookRejection.UnknownLocation, "hmac-sha256");
        }
    }
}
