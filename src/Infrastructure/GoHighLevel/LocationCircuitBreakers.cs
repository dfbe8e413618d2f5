using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// One circuit per location: after N consecutive failures, calls to that location fail fast for a while,
/// then one trial call decides whether it closes again. Other locations are not affected.
/// </summary>
public sealed class LocationCircuitBreakers(IOptions<GoHighLevelOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Circuit> _circuits = new();

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

            if (clock.GetUtcNow() < until || circuit.TrialInFlight)
            {
                return false;
            }

            circuit.TrialInFlight = true;
            return true;
        }
    }

    public void RecordSuccess(string locationId)
    {
        var circuit = _circuits.GetOrAdd(locationId, _ => new Circuit());
        lock (circuit)
        {
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
            if (circuit.TrialInFlight || circuit.ConsecutiveFailures >= options.Value.BreakerFailureThreshold)
            {
                circuit.OpenUntil = clock.GetUtcNow() + options.Value.BreakerBreakDuration;
                circuit.TrialInFlight = false;
            }
        }
    }

    public bool IsOpen(string locationId) =>
        _circuits.TryGetValue(locationId, out var circuit) && circuit.OpenUntil is { } until && clock.GetUtcNow() < until;

    private sealed class Circuit
    {
        public int ConsecutiveFailures { get; set; }
        public DateTimeOffset? OpenUntil { get; set; }
        public bool TrialInFlight { get; set; }
    }
}
