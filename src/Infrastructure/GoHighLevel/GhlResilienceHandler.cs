using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.GoHighLevel;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// Resilience made for GoHighLevel, per location: stay under the rate limit, honour 429's
/// <c>Retry-After</c>, retry 5xx and timeouts with exponential backoff and jitter (bounded), fail fast while
/// the location's circuit is open, and never retry 401/403 (bad credentials do not get better).
/// </summary>
internal sealed class GhlResilienceHandler(
    string locationId,
    string operation,
    GoHighLevelOptions options,
    LocationRateLimiter limiter,
    LocationCircuitBreakers breakers,
    GoHighLevelMetrics metrics,
    TimeProvider clock,
    ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var rateLimit = new RateLimitSeen();
        try
        {
            return await SendWithRetriesAsync(request, rateLimit, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && rateLimit.RetryAt is { } retryAt)
        {
            // The caller's deadline ran out while waiting as GoHighLevel's 429s told us to: GoHighLevel did answer, so
            // "no answer" would send the admin hunting for a network problem. Say rate-limited, and when to try again.
            throw GhlApiException.RateLimited(retryAt);
        }
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(HttpRequestMessage request, RateLimitSeen rateLimit, CancellationToken cancellationToken)
    {
        // The body is read once so every attempt can send its own copy.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            if (!breakers.TryEnter(locationId, out var open))
            {
                throw new GhlApiException(GhlFailureKind.Unavailable, null, open.Describe());
            }

            var waitStarted = Stopwatch.GetTimestamp();
            var slot = await limiter.AcquireAsync(locationId, cancellationToken);
            metrics.WaitedForRateLimit(operation, Stopwatch.GetElapsedTime(waitStarted));
            using var attemptRequest = Copy(request, body);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.AttemptTimeout);

            HttpResponseMessage? response = null;
            string failure;
            string cause;
            var sent = Stopwatch.GetTimestamp();
            try
            {
                response = await base.SendAsync(attemptRequest, timeout.Token);
                limiter.Answered(slot);
                metrics.Attempted(operation, (int)response.StatusCode, Stopwatch.GetElapsedTime(sent));
                limiter.Observe(locationId, response);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // Not a health problem of GoHighLevel: no breaker count, just wait as told.
                    if (attempt >= options.MaxAttempts)
                    {
                        return response;
                    }

                    var wait = RetryAfter(response) ?? Backoff(attempt);
                    rateLimit.RetryAt = clock.GetUtcNow() + wait;
                    metrics.Retrying(operation, "rate_limited");
                    logger.LogInformation("GoHighLevel rate-limited location {LocationId}; retrying in {Delay}", locationId, wait);
                    response.Dispose();
                    await Task.Delay(wait, clock, cancellationToken);
                    continue;
                }

                rateLimit.RetryAt = null;
                if ((int)response.StatusCode < 500)
                {
                    breakers.RecordSuccess(locationId);
                    return response;
                }

                failure = $"GoHighLevel failed (HTTP {(int)response.StatusCode})";
                cause = "server_error";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                limiter.Answered(slot); // It may have arrived: it counts until a window after giving up on it.
                metrics.Attempted(operation, null, Stopwatch.GetElapsedTime(sent));
                failure = $"GoHighLevel did not answer within {options.AttemptTimeout.TotalSeconds:0.#} s";
                cause = "timeout";
                ThrowIfUnsafeToRepeat(failure, requestMayHaveArrived: true);
            }
            catch (HttpRequestException ex) when (Network.OutboundTargetRefusedException.In(ex) is { } refused)
            {
                limiter.Answered(slot);
                throw Refused(refused); // A setting, not an outage: no retry, no count against the location's circuit.
            }
            catch (HttpRequestException ex)
            {
                limiter.Answered(slot);
                metrics.Attempted(operation, null, Stopwatch.GetElapsedTime(sent));
                failure = NetworkFailure(ex);
                cause = "network";
                ThrowIfUnsafeToRepeat(failure, requestMayHaveArrived: ex.HttpRequestError is not (HttpRequestError.NameResolutionError
                    or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError));
            }

            breakers.RecordFailure(locationId, failure);
            if (attempt >= options.MaxAttempts)
            {
                if (response is not null)
                {
                    return response;
                }

                throw new GhlApiException(GhlFailureKind.Unavailable, null, $"{failure}, after {attempt} attempts.");
            }

            response?.Dispose();
            metrics.Retrying(operation, cause);
            var delay = Backoff(attempt);
            logger.LogWarning("GoHighLevel call for location {LocationId} failed ({Failure}); attempt {Attempt} of {MaxAttempts}, retrying in {Delay}",
                locationId, failure, attempt, options.MaxAttempts, delay);
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    /// <summary>
    /// A message send that may have reached GoHighLevel is not tried again: the contact could get it twice. The caller
    /// learns that the outcome is unknown (GoHighLevel's echo of the message may still tell).
    /// </summary>
    private void ThrowIfUnsafeToRepeat(string failure, bool requestMayHaveArrived)
    {
        if (requestMayHaveArrived && operation == GoHighLevelGateway.SendMessageOperation)
        {
            breakers.RecordFailure(locationId, failure);
            throw new GhlApiException(GhlFailureKind.Unavailable, null, $"{failure}; it may have been sent, so it is not sent again.")
            {
                OutcomeUnknown = true,
            };
        }
    }

    /// <summary>
    /// What a failed connection means to an admin, from the most specific error .NET gives: a DNS failure and a
    /// refused connection need different fixes (the base URL, or the network), so they must not look alike.
    /// </summary>
    private static string NetworkFailure(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "GoHighLevel's host name could not be resolved (DNS failure)",
        HttpRequestError.ConnectionError when ex.InnerException is System.Net.Sockets.SocketException
        {
            SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused,
        } => "GoHighLevel's host refused the connection",
        HttpRequestError.ConnectionError => "No connection to GoHighLevel's host could be made",
        HttpRequestError.SecureConnectionError => "The TLS handshake with GoHighLevel's host failed",
        _ => $"The request to GoHighLevel failed on the network ({ex.HttpRequestError})",
    };

    /// <summary>The guard's refusal as GoHighLevel's callers see failures: refused for good, with the rule it broke.</summary>
    internal static GhlApiException Refused(Network.OutboundTargetRefusedException refused) =>
        new(GhlFailureKind.Rejected, null, "GoHighLevel was not called: " + refused.Message);

    /// <summary>Exponential backoff with "equal" jitter: between half and all of base × 2^(attempt-1), capped.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        var jittered = ceiling / 2 + RandomNumberGenerator.GetInt32(0, 1001) / 1000.0 * ceiling / 2;
        return TimeSpan.FromMilliseconds(jittered);
    }

    /// <summary>How long a 429 asks us to wait: its <c>Retry-After</c>, else GoHighLevel's burst interval.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        RateLimitHeaders.RetryAfter(response.Headers, clock, options.MaxDelay)
        ?? (RateLimitHeaders.Number(response, RateLimitHeaders.IntervalMilliseconds) is { } ms
            ? RateLimitHeaders.Bounded(TimeSpan.FromMilliseconds(ms), options.MaxDelay)
            : null);

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }

    /// <summary>The retry time of the last 429 of this call; cleared by any other answer.</summary>
    private sealed class RateLimitSeen
    {
        public DateTimeOffset? RetryAt { get; set; }
    }
}
