using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Web.Errors;

/// <summary>
/// A refusal as people and clients see it, from <see cref="ErrorCatalogue"/>: the API writes it as RFC 9457 problem
/// details, the console as the page's error (its detail, and its field errors beside their fields).
/// </summary>
public sealed record HubProblem(int Status, string Title, string Detail)
{
    /// <summary>Stable for clients to branch on (<see cref="ProblemTypes"/>).</summary>
    public string Type { get; init; } = ProblemTypes.For(Status);

    /// <summary>Validation errors by field or JSON path; null for problems about the request as a whole.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>When to ask again (the <c>Retry-After</c> header), for refusals that pass.</summary>
    public int? RetryAfterSeconds { get; init; }

    public ProblemDetails ToProblemDetails() => Errors is null
        ? new ProblemDetails { Status = Status, Title = Title, Detail = Detail, Type = Type }
        : new HttpValidationProblemDetails(Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = Status, Title = Title, Detail = Detail, Type = Type,
        };

    /// <summary>The answer to a request: its headers are set on <paramref name="response"/> now, its body when the result runs.</summary>
    public IResult ToResult(HttpResponse response)
    {
        response.StatusCode = Status;
        if (RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return Results.Problem(ToProblemDetails());
    }
}
