using System.Diagnostics.Metrics;
using IntegrationHub.Application.Common.Observability;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>One measurement as a listener got it.</summary>
internal sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

/// <summary>
/// Listens with a <see cref="MeterListener"/> to the hub's meter of one meter factory only (other tests' instruments have
/// the same names), and keeps every measurement.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<Recorded> _recorded = [];

    public MetricRecorder(IMeterFactory meters)
    {
        Meters = meters;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HubTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    public MetricRecorder() : this(TestMeters.Factory())
    {
    }

    public IMeterFactory Meters { get; }

    public IReadOnlyList<Recorded> Of(string instrument)
    {
        _listener.RecordObservableInstruments();
        lock (_recorded)
        {
            return _recorded.Where(r => r.Instrument == instrument).ToList();
        }
    }

    /// <summary>An observable gauge's value now.</summary>
    public double Current(string gauge) => Of(gauge).Last().Value;

    /// <summary>The sum of the instrument's measurements whose tags include all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Tag, string Value)[] tags) =>
        Of(instrument).Where(r => tags.All(t => r.Tags.TryGetValue(t.Tag, out var v) && v == t.Value)).Sum(r => r.Value);

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value?.ToString();
        }

        lock (_recorded)
        {
            _recorded.Add(new Recorded(instrument.Name, value, copied));
        }
    }
}
