using System.Net;
using Hangfire;
using Hangfire.Storage;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Jobs;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel;

/// <summary>
/// A block slot created in GoHighLevel (CreateBlockSlot): in the configured calendar, and each refusal GoHighLevel can
/// give answered with its own status and message.
/// </summary>
[TestFixture]
public sealed class CreateBlockSlotTests : GoHighLevelConnectorFixture
{
    [Test]
    public async Task A_block_slot_gohighlevel_refuses_as_unprocessable_is_a_422_with_its_messages()
    {
        var (_, id) = await Connected();
        Ghl.Fail(FaultKind.Unprocessable, pathPrefix: "/calendars/events/block-slots");
        var sentBefore = Ghl.RequestsTo("/calendars/events/block-slots").Count();

        var problem = await (await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Booked in the hub", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T10:30:00Z",
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.Str("type").Should().Be("https://integrationhub.dev/problems/unprocessable-content");
        problem.Str("title").Should().Be("GoHighLevel refused the request");
        problem.Str("detail").Should().Be("GoHighLevel refused the request (HTTP 422): property color should not exist; title must be a string.");
        Ghl.RequestsTo("/calendars/events/block-slots").Should().HaveCount(sentBefore + 1, "a refusal is final: not retried");
        (await Admin.GetJson($"/api/admin/integrations/{id}")).Str("status").Should().Be("pending", "the integration itself is fine");
    }

    [Test]
    public async Task A_block_slot_gohighlevel_refuses_as_a_bad_request_is_a_422_with_its_message()
    {
        var (_, id) = await Connected();
        Ghl.Fail(FaultKind.BadRequest, pathPrefix: "/calendars/events/block-slots");

        var problem = await (await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Taken", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T10:30:00Z",
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.Str("detail").Should().Be("GoHighLevel refused the request (HTTP 400): The slot you have selected is no longer available.");
    }

    [Test]
    public async Task A_block_slot_with_a_refused_token_is_a_409_naming_the_token_and_puts_the_integration_in_error()
    {
        const string revoked = "pit-revoked-55443322";
        var (_, id) = await Connected(apiKey: revoked);

        var problem = await (await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Booked in the hub", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T10:30:00Z",
        })).ProblemAsync(HttpStatusCode.Conflict);

        problem.Str("title").Should().Be("GoHighLevel refused the integration's token");
        problem.Str("detail").Should().Contain("HTTP 401").And.Contain("Invalid JWT").And.NotContain(revoked);
        var integration = await Admin.GetJson($"/api/admin/integrations/{id}");
        integration.Str("status").Should().Be("error", "as a sync that meets a 401 leaves it");
        integration.Str("errorMessage").Should().Be(problem.Str("detail"));
    }

    [Test]
    public async Task A_block_slot_rate_limited_on_every_attempt_is_a_429_with_retry_after()
    {
        var (_, id) = await Connected();
        Ghl.Fail(FaultKind.RateLimited, count: 3, pathPrefix: "/calendars/events/block-slots");

        var response = await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Busy", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T10:30:00Z",
        });
        var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests);

        problem.Str("detail").Should().StartWith("GoHighLevel is rate-limiting this location");
        response.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
    }

    [Test]
    public async Task Block_slots_are_created_in_the_configured_calendar()
    {
        var (_, id) = await Connected();
        var slot = await (await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Booked in the hub", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T10:30:00Z",
        })).Json(HttpStatusCode.Created);
        slot.Str("id").Should().StartWith("slot-");
        slot.Str("calendarId").Should().Be("cal-1");

        await (await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Backwards", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T09:00:00Z",
        })).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
