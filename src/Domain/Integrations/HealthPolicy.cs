namespace IntegrationHub.Domain.Integrations;

/// <summary>
/// When an integration is checked again and when a failing one is worth an alert. A healthy integration is checked
/// every <see cref="Interval"/>; a failing one at 1, 2, 4, 8 ... minutes (capped at six hours), each spread by up to
/// 10% either way so that integrations failing together do not retry together.
/// </summary>
public sealed record HealthPolicy(TimeSpan Interval, int AlertAfterFailures)
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    /// <param name="consecutiveFailures">1 after the first failure.</param>
    /// <param name="jitter">A random number in [0, 1): 0.5 means no spread.</param>
    public static TimeSpan Backoff(int consecutiveFailures, double jitter)
    {
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 30);
        var minutes = Math.Min(Math.Pow(2, exponent), MaxBackoff.TotalMinutes);
        var spread = 1 + (Math.Clamp(jitter, 0, 1) - 0.5) * 0.2;
        return TimeSpan.FromMinutes(Math.Min(minutes * spread, MaxBackoff.TotalMinutes));
    }
}
