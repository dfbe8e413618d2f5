using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary><c>IntegrationHub:GoHighLevel</c>: how hard the hub leans on GoHighLevel.</summary>
public sealed class GoHighLevelOptions
{
    public const string Section = "IntegrationHub:GoHighLevel";

    /// <summary>GoHighLevel allows 100 requests per 10 s per app and location; stay a little under.</summary>
    [Range(1, 10_000, ErrorMessage = "IntegrationHub:GoHighLevel:RequestsPerWindow must be a whole number from 1 to 10000.")]
    public int RequestsPerWindow { get; set; } = 90;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 10, ErrorMessage = "IntegrationHub:GoHighLevel:MaxAttempts must be a whole number from 1 to 10.")]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First retry delay for 5xx and timeouts; doubled per attempt, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Consecutive failures (5xx, timeouts) of one location that open its circuit.</summary>
    [Range(1, 1000, ErrorMessage = "IntegrationHub:GoHighLevel:BreakerFailureThreshold must be a whole number from 1 to 1000.")]
    public int BreakerFailureThreshold { get; set; } = 5;

    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The whole budget of a call someone waits for (the connection test route), retries included: the contract
    /// promises an answer within 30 s. Background jobs keep the longer budget of their attempts.
    /// </summary>
    public TimeSpan InteractiveDeadline { get; set; } = TimeSpan.FromSeconds(25);

    public const string DurationRule =
        "IntegrationHub:GoHighLevel:Window, BaseDelay, MaxDelay, AttemptTimeout, BreakerBreakDuration and InteractiveDeadline " +
        "must be durations above zero and at most a day, such as 00:00:10.";

    public bool HasPositiveDurations =>
        new[] { Window, BaseDelay, MaxDelay, AttemptTimeout, BreakerBreakDuration, InteractiveDeadline }
            .All(d => d > TimeSpan.Zero && d <= TimeSpan.FromDays(1));
}
