namespace IntegrationHub.Domain.Outbound;

/// <summary>
/// When a transiently failed operation runs again: the first retry within a minute, later ones backing off to at most
/// 30 minutes, each spread by ±20% so that operations failed together (GoHighLevel was down) do not return together.
/// After <see cref="MaxAttempts"/> tries (about a day) it fails and waits for an admin.
/// </summary>
public static class OutboundRetryPolicy
{
    public const int MaxAttempts = 60;

    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30),
    ];

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(30);

    /// <summary>The delay before try number <paramref name="attemptsSoFar"/> + 1; <paramref name="jitter"/> in [0, 1).</summary>
    public static TimeSpan DelayAfter(int attemptsSoFar, double jitter)
    {
        var baseDelay = Delays[Math.Clamp(attemptsSoFar - 1, 0, Delays.Length - 1)];
        var spread = 0.8 + (0.4 * jitter);
        var delay = TimeSpan.FromMilliseconds(baseDelay.TotalMilliseconds * spread);
        return delay > MaxDelay ? MaxDelay : delay;
    }

    /// <summary>When the other side said when to come back (Retry-After), that wins, within the maximum delay.</summary>
    public static DateTime NextAttempt(DateTime now, int attemptsSoFar, DateTime? retryAfter, double jitter)
    {
        var backoff = now + DelayAfter(attemptsSoFar, jitter);
        if (retryAfter is { } after && after > now)
        {
            return after - now > MaxDelay ? now + MaxDelay : after;
        }

        return backoff;
    }
}
