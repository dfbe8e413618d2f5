using System.Text.Json;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Common;
using IntegrationHub.Web.Infrastructure;

namespace IntegrationHub.Web.Errors;

/// <summary>
/// The one place an exception becomes a problem: the API's exception handler, the webhook intake and the console all
/// ask here, so a refusal reads the same wherever it happens. Only the hub's own exceptions (and the database's
/// unique-index refusal, recognised by the persistence layer) are problems; their messages are written for people.
/// Anything else is a fault whose text may carry what it should not: <see cref="Describe"/> gives null, and the caller
/// logs it and answers <see cref="ServerError"/>.
/// </summary>
public sealed class ErrorCatalogue(IUniqueViolations uniqueViolations, TimeProvider clock)
{
    public static readonly HubProblem ServerError = new(500, "Server error", "An unexpected error occurred.");

    /// <summary>Two requests raced past a uniqueness check; the database's index decided.</summary>
    public static readonly HubProblem UniqueViolation =
        new(409, "Conflict", "The change conflicts with an existing record that must stay unique; reload and try again.");

    /// <summary>GoHighLevel retries a webhook only after a 429: an event the hub could not store is asked for again.</summary>
    public static readonly HubProblem WebhookNotStored =
        new(429, "Try again later", "The event could not be stored right now.") { RetryAfterSeconds = 5 };

    /// <summary>The problem <paramref name="exception"/> stands for; null when it is not one of the hub's refusals.</summary>
    public HubProblem? Describe(Exception exception) => exception switch
    {
        ValidationException e => Validation(e.Errors),
        NotFoundException e => new(404, "Not found", e.Message),
        ConflictException e => new(409, "Conflict", e.Message),
        DomainRuleException e => new(409, "Conflict", e.Message),
        ForbiddenException e => new(403, "Forbidden", e.Message),
        InvalidValueException e => new(400, "Bad request", e.Message),
        BadHttpRequestException e => BadRequest(e),
        GhlApiException e => GoHighLevel(e),
        WebhookSignatureInvalidException e => new(401, "Unauthorized", e.Answer),
        WebhookFormatException e => new(400, "Bad request", e.Message),
        WebhookInboxUnavailableException => WebhookNotStored,
        _ when uniqueViolations.IsUniqueViolation(exception) => UniqueViolation,
        _ => null,
    };

    /// <summary>
    /// The webhook intake's answer: the sender's own faults (a signature that does not verify, a malformed body) are
    /// told as such; anything else kept the event from being stored, and is <see cref="WebhookNotStored"/>, never a 5xx.
    /// </summary>
    public HubProblem ForWebhookIntake(Exception exception) =>
        exception is WebhookSignatureInvalidException or WebhookFormatException && Describe(exception) is { } problem
            ? problem
            : WebhookNotStored;

    /// <summary>A body larger than a route takes (<paramref name="detail"/> says how large it may be, when the route knows).</summary>
    public static HubProblem TooLarge(string detail) => new(413, "Payload too large", detail);

    public static HubProblem Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, "Validation failed", "One or more fields are invalid; see errors.") { Type = ProblemTypes.Validation, Errors = errors };

    private static HubProblem BadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge("The request body is larger than allowed.");
        }

        if (exception.InnerException is InvalidFieldException field)
        {
            return Validation(new Dictionary<string, string[]> { [field.Field] = [$"{field.Field} {field.Why}"] });
        }

        // JSON errors name the path that broke ("$.configSchema") but never echo the value.
        var detail = exception.InnerException is JsonException json && json.Path is not null
            ? json.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"The request body has a property this route does not take (at {json.Path}): check its spelling."
                : $"The request body is not valid JSON for this route (at {json.Path})."
            : exception.InnerException is JsonException
                ? "The request body is not valid JSON for this route."
                : BindingMessages.ForUser(exception.Message, exception.StatusCode);
        return new(exception.StatusCode, exception.StatusCode == 415 ? "Unsupported media type" : "Bad request", detail);
    }

    /// <summary>
    /// A call to GoHighLevel made for this request failed; its message is safe (no secrets). GoHighLevel's own 4xx
    /// meaning passes through, since a 502 would say "try again later" about a request that will never succeed:
    /// the content refused (its 400/404/422: 422 with its message), the integration's token refused (409: fix the
    /// integration, not the caller's own token, which a 401 would suggest), its rate limit (429 with Retry-After).
    /// Only GoHighLevel failing or not answering is a 502.
    /// </summary>
    private HubProblem GoHighLevel(GhlApiException e) => e.Kind switch
    {
        GhlFailureKind.Rejected when e.StatusCode is not null => new(422, "GoHighLevel refused the request", e.Message),
        GhlFailureKind.Rejected => new(409, "Conflict", e.Message), // the integration's own settings stop the call
        GhlFailureKind.Unauthorized => new(409, "GoHighLevel refused the integration's token", e.Message),
        GhlFailureKind.RateLimited => new(429, "GoHighLevel is rate-limiting this location", e.Message)
        {
            RetryAfterSeconds = e.RetryAt is { } retryAt
                ? Math.Max(1, (int)Math.Ceiling((retryAt - clock.GetUtcNow()).TotalSeconds))
                : null,
        },
        _ => new(502, "GoHighLevel error", e.Message),
    };
}
