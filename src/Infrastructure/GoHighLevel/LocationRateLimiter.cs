using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// Keeps each GoHighLevel location under its burst limit: a sliding window of request start times per
/// location, plus GoHighLevel's own word (<c>X-RateLimit-Remaining: 0</c> pauses until the interval ends).
/// </summary>
public sealed class LocationRateLimiter(IOptions<GoHighLevelOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    /// <summary>Waits until one more request to the location fits in the window, then counts it.</summary>
    public async Task AcquireAsync(string locationId, CancellationToken cancellationToken)
    {
        var window = _windows.GetOrAdd(locationId, _ => new Window());
        while (true)
        {
            TimeSpan wait;
            lock (window)
            {
                var now = clock.GetUtcNow();
                while (window.Starts.Count > 0 && now - window.Starts.Peek() >= options.Value.Window)
                {
                    window.Starts.Dequeue();
                }

                if (window.BlockedUntil > now)
                {
                    wait = window.BlockedUntil - now;
                }
                else if (window.Starts.Count < options.Value.RequestsPerWindow)
                {
                    window.Starts.Enqueue(now);
                    return;
                }
                else
                {
                    wait = window.Starts.Peek() + options.Value.Window - now;
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
            return window.Starts.Count(s => now - s < options.Value.Window);
        }
    }

    private sealed class Window
    {
        public Queue<DateTimeOffset> Starts { get; } = new();
        public DateTimeOffset BlockedUntil { get; set; }
    }
}
