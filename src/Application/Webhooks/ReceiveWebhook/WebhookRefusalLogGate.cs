using IntegrationHub.Application.Common.Observability;

namespace IntegrationHub.Application.Webhooks;

/// <summary>
/// Refused deliveries are logged at most once a minute per location and reason: a sender with the wrong secret (or a
/// prober) retries all day, and one line a minute says as much as thousands. Every refusal is still counted in the metrics.
/// </summary>
public sealed class WebhookRefusalLogGate(TimeProvider clock)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // Senders choose the location, so the memory this takes is bounded: past this many, old entries are dropped.
    private const int MaxEntries = 10_000;

    private readonly Dictionary<(string Location, WebhookRejection Reason), DateTimeOffset> _lastLogged = [];
    private readonly Lock _lock = new();

    /// <summary>Whether this refusal should be logged (and, if so, it counts as logged now).</summary>
    public bool ShouldLog(string? locationId, WebhookRejection reason)
    {
        var now = clock.GetUtcNow();
        var key = (locationId ?? "", reason);
        lock (_lock)
        {
            if (_lastLogged.TryGetValue(key, out var last) && now - last < Interval)
            {
                return false;
            }

            if (_lastLogged.Count >= MaxEntries)
            {
                Forget(before: now - Interval);
            }

            _lastLogged[key] = now;
            return true;
        }
    }

    private void Forget(DateTimeOffset before)
    {
        foreach (var (key, at) in _lastLogged.ToList())
        {
            if (at < before)
            {
                _lastLogged.Remove(key);
            }
        }

        if (_lastLogged.Count >= MaxEntries)
        {
            // A flood of distinct locations within a minute: logging a few of them twice is better than unbounded memory.
            _lastLogged.Clear();
        }
    }
}
