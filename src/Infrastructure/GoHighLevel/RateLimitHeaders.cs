using System.Globalization;
using System.Net.Http.Headers;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// GoHighLevel's rate-limit headers, as its docs list them (docs/oauth/Authorization.md in its API docs repository):
/// <c>X-RateLimit-Max</c>, <c>X-RateLimit-Remaining</c>, <c>X-RateLimit-Interval-Milliseconds</c> (the length of
/// the burst window, 10 s, not the time left in it), <c>X-RateLimit-Limit-Daily</c>,
/// <c>X-RateLimit-Daily-Remaining</c>; plus the standard <c>Retry-After</c>, which, when present, is the precise word.
/// </summary>
internal static class RateLimitHeaders
{
    public const string Remaining = "X-RateLimit-Remaining";
    public const string IntervalMilliseconds = "X-RateLimit-Interval-Milliseconds";

    public static long? Number(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds or a date), bounded; null without one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders? headers, TimeProvider clock, TimeSpan max)
    {
        var retryAfter = headers?.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - clock.GetUtcNow() : null);
        return wait is { } known ? Bounded(known, max) : null;
    }

    /// <summary>A hostile or broken header must not park a job for hours, nor ask for a negative wait.</summary>
    public static TimeSpan Bounded(TimeSpan wait, TimeSpan max) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
}
