using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using IntegrationHub.Application.Common.Observability;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// One circuit per location: after N consecutive failures, calls to that location fail fast for a while,
/// then one trial call decides whether it closes again. Other locations are not affected. Each circuit keeps the
/// last real failure, so "calls are paused" can say why (a DNS failure, a refused connection, a 5xx) instead of
/// hiding the cause behind the pause.
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

    /// <summary>
    /// False while the location's circuit is open, with the failure that opened it and when calls resume;
    /// the first caller after the break gets a trial.
    /// </summary>
    public bool TryEnter(string locationId, [NotNullWhen(false)] out OpenCircuit? open)
    {
        open = null;
        var circuit = _circuits.GetOrAdd(locationId, _ => new Circuit());
        lock (circuit)
        {
            if (circuit.OpenUntil is not { } until)
            {
                return true;
            }

            if (_clock.GetUtcNow() < until || circuit.TrialInFlight)
            {
                open = new OpenCircuit(circuit.LastFailure ?? "GoHighLevel kept failing", until, circuit.TrialInFlight);
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
            circuit.LastFailure = null;
            circuit.OpenUntil = null;
            circuit.TrialInFlight = false;
        }
    }

    /// <param name="failure">What went wrong, in words fit for an admin (no secrets): shown while the circuit is open.</param>
    public void RecordFailure(string locationId, string failure)
    {
        var circuit = _circuits.GetOrAdd(locationId, _ => new Circuit());
        lock (circuit)
        {
            circuit.ConsecutiveFailures++;
            circuit.LastFailure = failure;
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
        public string? LastFailure { get; set; }
    }
}

/// <summary>A location's open circuit: the last real failure, and when the next trial call may go out.</summary>
/// <param name="TrialInFlight">The break is over and one trial call is under way; others wait for its answer.</param>
public sealed record OpenCircuit(string LastFailure, DateTimeOffset Until, bool TrialInFlight)
{
    /// <summary>The cause first, then the pause: "GoHighLevel refused the connection ...; calls paused until 19:04:05 UTC (circuit open)."</summary>
    public string Describe() =>
        TrialInFlight
            ? $"{LastFailure}; calls for this location are paused while a trial call checks whether GoHighLevel has recovered (circuit open)."
            : $"{LastFailure}; calls for this location are paused until {Until.UtcDateTime:HH:mm:ss} UTC (circuit open).";
}
