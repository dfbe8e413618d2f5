using System.Text.Json;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Common;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.Errors;
using IntegrationHub.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntegrationHub.Web.ConsoleTests.Errors;

/// <summary>Each exception the hub answers, and the problem the catalogue makes of it (for the API and the console alike).</summary>
[TestFixture]
public sealed class ErrorCatalogueTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ErrorCatalogue _catalogue = new(new DatabaseUniqueViolations(), new FixedClock(Now));

    private HubProblem Problem(Exception exception) => _catalogue.Describe(exception) ?? throw new AssertionException(
        $"{exception.GetType().Name} should be one of the catalogue's problems");

    private static void ShouldBe(HubProblem problem, int status, string title, string detail, string type)
    {
        problem.Status.Should().Be(status);
        problem.Title.Should().Be(title);
        problem.Detail.Should().Be(detail);
        problem.Type.Should().Be("https://integrationhub.dev/problems/" + type);
    }

    [Test]
    public void Application_refusals_keep_their_message_under_their_status()
    {
        ShouldBe(Problem(new NotFoundException("Integration", 7)), 404, "Not found", "Integration 7 was not found.", "not-found");
        ShouldBe(Problem(new ConflictException("Name taken.")), 409, "Conflict", "Name taken.", "conflict");
        ShouldBe(Problem(new DomainRuleException("Cannot move.")), 409, "Conflict", "Cannot move.", "conflict");
        ShouldBe(Problem(new ForbiddenException("Not yours.")), 403, "Forbidden", "Not yours.", "forbidden");
    }

    [Test]
    public void A_validation_exception_is_a_validation_problem_with_its_errors_by_field()
    {
        var problem = Problem(new ValidationException("config/locationId", "locationId is required."));

        ShouldBe(problem, 400, "Validation failed", "One or more fields are invalid; see errors.", "validation");
        problem.Errors.Should().ContainKey("config/locationId").WhoseValue.Should().Equal("locationId is required.");
        problem.ToProblemDetails().Should().BeOfType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>();
    }

    [Test]
    public void The_domains_own_invalid_value_is_a_bad_request_but_another_argument_exception_is_a_fault()
    {
        ShouldBe(Problem(new InvalidValueException("name is required.", "name")), 400, "Bad request", "name is required. (Parameter 'name')",
            "bad-request");

        _catalogue.Describe(new ArgumentException("Value does not fall within the expected range.")).Should().BeNull();
        _catalogue.Describe(new ArgumentOutOfRangeException("index")).Should().BeNull();
        _catalogue.Describe(new InvalidOperationException("Sequence contains no elements")).Should().BeNull();
    }

    [Test]
    public void A_unique_violation_is_recognised_by_the_providers_code_not_by_its_text()
    {
        ShouldBe(Problem(ProviderErrors.SqliteUniqueViolation()), 409, "Conflict", ErrorCatalogue.UniqueViolation.Detail, "conflict");
        Problem(new DbUpdateException("save failed", new PostgresException("worded in any language", "ERROR", "ERROR", "23505")))
            .Should().Be(ErrorCatalogue.UniqueViolation);

        _catalogue.Describe(ProviderErrors.SqliteNotNullViolation()).Should().BeNull();
        _catalogue.Describe(new DbUpdateException("save failed", new PostgresException("duplicate key value", "ERROR", "ERROR", "23503")))
            .Should().BeNull("a foreign key violation is not a unique one, whatever its text says");
        _catalogue.Describe(new DbUpdateException("save failed", new InvalidOperationException("UNIQUE constraint failed: t.name")))
            .Should().BeNull("text is not a code");
    }

    [Test]
    public void Request_body_failures_say_what_was_wrong_without_echoing_the_value()
    {
        ShouldBe(Problem(new BadHttpRequestException("too big", 413)), 413, "Payload too large", "The request body is larger than allowed.",
            "payload-too-large");
        ShouldBe(Problem(new BadHttpRequestException("bad", 400, new JsonException("secret-value", "$.configSchema", 1, 2))), 400,
            "Bad request", "The request body is not valid JSON for this route (at $.configSchema).", "bad-request");
        ShouldBe(Problem(new BadHttpRequestException("media", 415)), 415, "Unsupported media type",
            "Send the body as JSON: Content-Type: application/json.", "unsupported-media-type");

        var field = Problem(new BadHttpRequestException("bad", 400, new InvalidFieldException("must not contain the NUL character.")));
        field.Errors.Should().ContainKey("body").WhoseValue.Should().Equal("body must not contain the NUL character.");
    }

    [Test]
    public void GoHighLevel_failures_keep_its_meaning()
    {
        ShouldBe(Problem(new GhlApiException(GhlFailureKind.Rejected, 422, "Bad phone.")), 422, "GoHighLevel refused the request", "Bad phone.",
            "unprocessable-content");
        ShouldBe(Problem(new GhlApiException(GhlFailureKind.Rejected, null, "No location.")), 409, "Conflict", "No location.", "conflict");
        ShouldBe(Problem(new GhlApiException(GhlFailureKind.Unauthorized, 401, "Token refused.")), 409,
            "GoHighLevel refused the integration's token", "Token refused.", "conflict");
        ShouldBe(Problem(new GhlApiException(GhlFailureKind.Unavailable, 503, "Down.")), 502, "GoHighLevel error", "Down.", "bad-gateway");

        var limited = Problem(new GhlApiException(GhlFailureKind.RateLimited, 429, "Slow down.", Now.AddSeconds(2.5)));
        ShouldBe(limited, 429, "GoHighLevel is rate-limiting this location", "Slow down.", "too-many-requests");
        limited.RetryAfterSeconds.Should().Be(3, "the wait is rounded up to whole seconds");
        Problem(new GhlApiException(GhlFailureKind.RateLimited, 429, "Slow down.")).RetryAfterSeconds.Should().BeNull();
    }

    [Test]
    public void Webhook_intake_tells_the_sender_its_own_faults_and_asks_again_for_anything_else()
    {
        var forged = new WebhookSignatureInvalidException("wrong secret", "loc-1", WebhookRejection.Signature, "hmac",
            WebhookSignatureInvalidException.NotVerified);
        ShouldBe(_catalogue.ForWebhookIntake(forged), 401, "Unauthorized", WebhookSignatureInvalidException.NotVerified, "unauthorized");
        ShouldBe(_catalogue.ForWebhookIntake(new WebhookFormatException("The body must be a JSON object.")), 400, "Bad request",
            "The body must be a JSON object.", "bad-request");

        foreach (var cause in new Exception[]
                 {
                     new WebhookInboxUnavailableException("The inbox is full."), new TimeoutException(), new NotFoundException("Integration", 1),
                     ProviderErrors.SqliteUniqueViolation(),
                 })
        {
            var problem = _catalogue.ForWebhookIntake(cause);
            ShouldBe(problem, 429, "Try again later", "The event could not be stored right now.", "too-many-requests");
            problem.RetryAfterSeconds.Should().Be(5);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
