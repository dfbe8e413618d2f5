using System.Text.Json;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// The one place exceptions become HTTP answers. Messages of our own exceptions are written for clients;
/// anything unexpected is a bare 500 whose details stay in the log.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException v => Validation(v.Errors),
            NotFoundException e => Problem(404, "Not found", e.Message),
            ConflictException e => Problem(409, "Conflict", e.Message),
            DomainRuleException e => Problem(409, "Conflict", e.Message),
            ForbiddenException e => Problem(403, "Forbidden", e.Message),
            BadHttpRequestException e => BadRequest(e),
            ArgumentException e => Problem(400, "Bad request", e.Message),
            Application.GoHighLevel.GhlApiException e => GoHighLevel(e, context),
            // Two requests raced past a uniqueness check; the database's index decided.
            Microsoft.EntityFrameworkCore.DbUpdateException e when IsUniqueViolation(e) =>
                Problem(409, "Conflict", "The change conflicts with an existing record that must stay unique; reload and try again."),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = Problem(500, "Server error", "An unexpected error occurred.");
        }

        context.Response.StatusCode = problem.Status ?? 500;
        await Results.Problem(problem).ExecuteAsync(context);
        return true;
    }

    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(413, "Payload too large", "The request body is larger than allowed.");
        }

        if (exception.InnerException is InvalidFieldException field)
        {
            return Validation(new Dictionary<string, string[]> { [field.Field] = [$"{field.Field} {field.Why}"] });
        }

        // JSON errors name the path that broke ("$.configSchema") but never echo the value.
        var detail = exception.InnerException is JsonException json && json.Path is not null
            ? $"The request body is not valid JSON for this route (at {json.Path})."
            : exception.InnerException is JsonException
                ? "The request body is not valid JSON for this route."
                : BindingMessages.ForUser(exception.Message, exception.StatusCode);
        return Problem(exception.StatusCode, exception.StatusCode == 415 ? "Unsupported media type" : "Bad request", detail);
    }

    /// <summary>
    /// A call to GoHighLevel made for this request failed; its message is safe (no secrets). GoHighLevel's own 4xx
    /// meaning passes through, since a 502 would say "try again later" about a request that will never succeed:
    /// the content refused (its 400/404/422: 422 with its message), the integration's token refused (409: fix the
    /// integration, not the caller's own token, which a 401 would suggest), its rate limit (429 with Retry-After).
    /// Only GoHighLevel failing or not answering is a 502.
    /// </summary>
    private static ProblemDetails GoHighLevel(Application.GoHighLevel.GhlApiException e, HttpContext context)
    {
        switch (e.Kind)
        {
            case Application.GoHighLevel.GhlFailureKind.Rejected when e.StatusCode is not null:
                return Problem(422, "GoHighLevel refused the request", e.Message);
            case Application.GoHighLevel.GhlFailureKind.Rejected:
                return Problem(409, "Conflict", e.Message); // the integration's own settings stop the call
            case Application.GoHighLevel.GhlFailureKind.Unauthorized:
                return Problem(409, "GoHighLevel refused the integration's token", e.Message);
            case Application.GoHighLevel.GhlFailureKind.RateLimited:
                if (e.RetryAt is { } retryAt)
                {
                    var seconds = Math.Max(1, (int)Math.Ceiling((retryAt - DateTimeOffset.UtcNow).TotalSeconds));
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return Problem(429, "GoHighLevel is rate-limiting this location", e.Message);
            default:
                return Problem(502, "GoHighLevel error", e.Message);
        }
    }

    private static bool IsUniqueViolation(Exception exception) =>
        exception.InnerException?.Message is { } message
        && (message.Contains("UNIQUE constraint failed", StringComparison.Ordinal)
            || message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase));

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail, Type = ProblemTypes.For(status) };

    private static HttpValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = 400,
            Title = "Validation failed",
            Detail = "One or more fields are invalid; see errors.",
            Type = ProblemTypes.Validation,
        };
}
