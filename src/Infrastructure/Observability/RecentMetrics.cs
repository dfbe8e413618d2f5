using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Outbound;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Observability;

/// <summary>
/// The last hour of this instance's own activity for the console's overview, one sample per interval. It listens to
/// the very instruments <c>/metrics</c> exports (a <see cref="MeterListener"/>, no second set of counters to drift
/// from them), keeps running totals, and turns them into per-interval differences when a sample is taken. Only
/// this instance's instruments are heard (the meter's scope is this host's meter factory), and only since it
/// started: a process keeps no history, and on a shared database another instance has its own.
/// </summary>
public sealed class RecentMetrics : IDisposable
{
    /// <summary>Samples kept: an hour of one-minute samples.</summary>
    public const int Capacity = 60;

    /// <summary>Every outcome a try can end in (a try never ends <c>running</c>), listed even when zero.</summary>
    private static readonly string[] OutboundOutcomes =
        Enum.GetValues<OutboundStatus>().Where(s => s != OutboundStatus.Running).Select(s => s.ToApiName()).ToArray();

    private readonly MeterListener? _listener;
    private readonly TimeProvider _clock;
    private readonly Queue<MetricsSample> _samples = new();
    private readonly Lock _sampling = new();

    // Running totals, written by whichever thread records a measurement; a sample is the difference from the last one.
    private long _accepted, _duplicate, _refused, _otherReceived, _lagCount, _lagMicroseconds;

    // The longest lag since the last sample: taken and reset by each sample.
    private long _lagMaxMicroseconds;
    private readonly ConcurrentDictionary<string, long> _outbound = new(StringComparer.Ordinal);
    private long? _backlog;
    private Totals _previous = Totals.Zero;

    public RecentMetrics(IMeterFactory meters, IOptions<RecentMetricsOptions> options, TimeProvider clock, bool listen = true)
    {
        _clock = clock;
        Interval = options.Value.SampleInterval;
        Since = clock.GetUtcNow().UtcDateTime;
        Sampling = listen;
        if (!listen)
        {
            return;
        }

        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == HubTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, meters)
                    && instrument.Name is WebhookMetrics.ReceivedInstrument or WebhookMetrics.LagInstrument
                        or OutboundMetrics.TriesInstrument or DatabaseGauges.PendingEventsInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Count(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Lag(instrument.Name, value));
        _listener.Start();
    }

    public TimeSpan Interval { get; }

    /// <summary>When this instance started sampling.</summary>
    public DateTime Since { get; }

    /// <summary>False when the hub's metrics are switched off: nothing is heard, nothing is sampled.</summary>
    public bool Sampling { get; }

    /// <summary>Closes the interval that ends now: what was counted since the last sample, and the backlog now.</summary>
    public MetricsSample TakeSample()
    {
        lock (_sampling)
        {
            _backlog = null;
            _listener?.RecordObservableInstruments(); // the backlog gauge reads the database now
            var now = CurrentTotals();
            var lagCount = now.LagCount - _previous.LagCount;
            var lagMax = Interlocked.Exchange(ref _lagMaxMicroseconds, 0);
            var sample = new MetricsSample(
                _clock.GetUtcNow().UtcDateTime,
                now.Accepted - _previous.Accepted,
                now.Duplicate - _previous.Duplicate,
                now.Refused - _previous.Refused,
                _backlog,
                lagCount == 0 ? null : (now.LagMicroseconds - _previous.LagMicroseconds) / 1e6 / lagCount,
                lagCount == 0 ? null : lagMax / 1e6,
                OutboundOutcomes.ToDictionary(o => o, o => now.Outbound.GetValueOrDefault(o) - _previous.Outbound.GetValueOrDefault(o)));
            _previous = now;
            _samples.Enqueue(sample);
            if (_samples.Count > Capacity)
            {
                _samples.Dequeue();
            }

            return sample;
        }
    }

    /// <summary>The samples kept, oldest first.</summary>
    public RecentSamples Snapshot()
    {
        lock (_sampling)
        {
            return new RecentSamples(Sampling, Since, Interval.TotalSeconds, _samples.ToList());
        }
    }

    public void Dispose() => _listener?.Dispose();

    private void Count(string instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument)
        {
            case DatabaseGauges.PendingEventsInstrument:
                _backlog = value;
                break;
            case WebhookMetrics.ReceivedInstrument:
                Interlocked.Add(ref ReceivedTotal(Tag(tags, "outcome")), value);
                break;
            case OutboundMetrics.TriesInstrument when Tag(tags, "outcome") is { } outcome:
                _outbound.AddOrUpdate(outcome, value, (_, total) => total + value);
                break;
        }
    }

    /// <summary>The total a delivery's outcome adds to (an outcome the overview does not chart goes to a total nobody reads).</summary>
    private ref long ReceivedTotal(string? outcome)
    {
        switch (outcome)
        {
            case "accepted":
                return ref _accepted;
            case "duplicate":
                return ref _duplicate;
            case "rejected":
                return ref _refused;
            default:
                return ref _otherReceived;
        }
    }

    private void Lag(string instrument, double seconds)
    {
        if (instrument != WebhookMetrics.LagInstrument)
        {
            return;
        }

        var microseconds = (long)(seconds * 1e6);
        Interlocked.Add(ref _lagMicroseconds, microseconds);
        Interlocked.Increment(ref _lagCount);
        var max = Interlocked.Read(ref _lagMaxMicroseconds);
        while (microseconds > max)
        {
            var seen = Interlocked.CompareExchange(ref _lagMaxMicroseconds, microseconds, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    // The count and the sum of lag are read one after the other, not together: a measurement landing in between moves
    // into the next interval's average, which is as true as the minute it belongs to.
    private Totals CurrentTotals() => new(
        Interlocked.Read(ref _accepted), Interlocked.Read(ref _duplicate), Interlocked.Read(ref _refused),
        Interlocked.Read(ref _lagCount), Interlocked.Read(ref _lagMicroseconds),
        new Dictionary<string, long>(_outbound, StringComparer.Ordinal));

    private sealed record Totals(long Accepted, long Duplicate, long Refused, long LagCount, long LagMicroseconds, IReadOnlyDictionary<string, long> Outbound)
    {
        public static readonly Totals Zero = new(0, 0, 0, 0, 0, new Dictionary<string, long>());
    }
}
