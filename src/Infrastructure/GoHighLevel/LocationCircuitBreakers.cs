using System.Collections.Concurrent;
using IntegrationHub.Application.Common.Observability;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// One circuit per location: after N consecutive failures, calls to that location fail fast for a while,
/// then one trial call decides whether it closes again. Other locations are not affected.
/// </summary>
public sealed class LocationCircuitBreakers
{
    private readonly ConcurrentDictionary<string, Circuit> _circuits = new();
    private readonly IOptions<GoHighLevelOptions> _options;
    private readonly GoHighLevelMetrics _metrics;
    private readonly TimeProvider _clock;

    public LocationCircuitBreakers(IOptions<GoHighLevelOptions> options, GoHighLevelMetrics metrics, TimeProvider clock)
    {
        _options = options;
        _metrics = metrics;
        _clock = clock;
        metrics.TrackOpenCircuits(() => _circuits.Keys.Count(IsOpen));
    }

    /// <summary>False while the location's circuit is open; the first caller after the break gets a trial.</summary>
    public bool TryEnter(string locationId)
    {
        var circuit = _circuits.GetOrAdd(locationId, _ => new Circuit());
        lock (circuit)
        {
            if (circuit.OpenUntil is not { } until)
            {
                return true;
            }

            if (_clock.GetUtcNow() < until || circuit.TrialInFlight)
            {
                return false;
            }

            circuit.TrialInFlight = true;
            _metrics.BreakerChanged("half_open");
            return true;
        }
    }

    public void RecordSuccess(string locationId)
    {
        var circuit = _circuits.GetOrAdd(locationId, _ => new Circuit());
        lock (circuit)
        {
            if (circuit.OpenUntil is not null)
            {
                _metrics.BreakerChanged("closed");
            }

            circuit.ConsecutiveFailures = 0;
            circuit.OpenUntil = null;
            circuit.TrialInFlight = false;
        }
    }

    public void RecordFailure(string locationId)
    {
        var circuit = _circuits.GetOrAdd(locationId, _ => new Circuit());
        lock (circuit)
        {
            circuit.ConsecutiveFailures++;
            if (circuit.TrialInFlight || circuit.ConsecutiveFailures >= _options.Value.BreakerFailureThreshold)
            {
                // Entering open: from closed, or from a failed trial (half-open). Failures while open (calls that were
                // already under way) only extend the break.
                if (circuit.TrialInFlight || circuit.OpenUntil is null)
                {
                    _metrics.BreakerChanged("open");
                }

                circuit.OpenUntil = _clock.GetUtcNow() + _options.Value.BreakerBreakDuration;
                circuit.TrialInFlight = false;
            }
        }
    }

    public bool IsOpen(string locationId) =>
        _circuits.TryGetValue(locationId, out var circuit) && circuit.OpenUntil is { } until && _clock.GetUtcNow() < until;

    private sealed class Circuit
    {
        public int ConsecutiveFailures { get; set; }
        public DateTimeOffset? OpenUntil { get; set; }
        public bool TrialInFlight { get; set; }
    }
}
