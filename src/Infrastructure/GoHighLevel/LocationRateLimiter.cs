using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// Keeps each GoHighLevel location under its burst limit: a sliding window of requests per location, plus GoHighLevel's
/// own word (<c>X-RateLimit-Remaining: 0</c> pauses until the interval ends). A request counts from when it is let go
/// and, once answered, from its answer: GoHighLevel counts arrivals, and a request that leaves late (a busy machine)
/// arrives inside a later window than its start says. Counting until a window after the answer keeps every window of
/// arrivals within the budget (the benchmark saw 106 arrivals in 10 s when slots were freed a window after the start).
/// </summary>
public sealed class LocationRateLimiter(IOptions<GoHighLevelOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    /// <summary>Waits until one more request to the location fits in the window, then counts it; call <see cref="Answered"/> after.</summary>
    public async Task<Slot> AcquireAsync(string locationId, CancellationToken cancellationToken)
    {
        var window = _windows.GetOrAdd(locationId, _ => new Window());
        while (true)
        {
            TimeSpan wait;
            lock (window)
            {
                var now = clock.GetUtcNow();
                while (window.Starts.Count > 0 && now - window.Starts.Peek().CountsFrom >= options.Value.Window)
                {
                    window.Starts.Dequeue();
                }

                if (window.BlockedUntil > now)
                {
                    wait = window.BlockedUntil - now;
                }
                else if (window.Starts.Count < options.Value.RequestsPerWindow)
                {
                    var slot = new Slot(window, now);
                    window.Starts.Enqueue(slot);
                    return slot;
                }
                else
                {
                    // The oldest slot goes first (an answer moves a slot later, so this may wait a little longer than needed).
                    wait = window.Starts.Peek().CountsFrom + options.Value.Window - now;
                }
            }

            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, clock, cancellationToken);
        }
    }

    /// <summary>
    /// Reads GoHighLevel's rate-limit headers from an answer. With nothing left in the window, calls pause until
    /// <c>Retry-After</c> when GoHighLevel says it (the exact time), else for the window's whole interval.
    /// </summary>
    public void Observe(string locationId, HttpResponseMessage response)
    {
        if (RateLimitHeaders.Number(response, RateLimitHeaders.Remaining) is not 0)
        {
            return;
        }

        var interval = RateLimitHeaders.RetryAfter(response.Headers, clock, options.Value.MaxDelay)
            ?? (RateLimitHeaders.Number(response, RateLimitHeaders.IntervalMilliseconds) is { } ms and > 0
                ? TimeSpan.FromMilliseconds(ms)
                : options.Value.Window);
        var window = _windows.GetOrAdd(locationId, _ => new Window());
        lock (window)
        {
            var until = clock.GetUtcNow() + interval;
            if (until > window.BlockedUntil)
            {
                window.BlockedUntil = until;
            }
        }
    }

    /// <summary>Requests counted in the current window (for tests and diagnostics).</summary>
    public int InFlightWindowCount(string locationId)
    {
        if (!_windows.TryGetValue(locationId, out var window))
        {
            return 0;
        }

        lock (window)
        {
            var now = clock.GetUtcNow();
            return window.Starts.Count(s => now - s.CountsFrom < options.Value.Window);
        }
    }

    /// <summary>The request's answer came: its slot counts from now.</summary>
    public void Answered(Slot slot)
    {
        lock (slot.Window)
        {
            var now = clock.GetUtcNow();
            if (now > slot.CountsFrom)
            {
                slot.CountsFrom = now;
            }
        }
    }

    /// <summary>One request's place in its location's window.</summary>
    public sealed class Slot
    {
        internal Slot(object window, DateTimeOffset countsFrom) => (Window, CountsFrom) = (window, countsFrom);

        internal object Window { get; }
        internal DateTimeOffset CountsFrom { get; set; }
    }

    private sealed class Window
    {
        public Queue<Slot> Starts { get; } = new();
        public DateTimeOffset BlockedUntil { get; set; }
    }
}
