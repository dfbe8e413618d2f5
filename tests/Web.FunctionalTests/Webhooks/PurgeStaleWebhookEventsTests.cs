using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

/// <summary>
/// An admin's purge of dead letters or unhandled events by age (PurgeStaleWebhookEvents): only the given status, only
/// before the instant; and what a later redelivery of a purged event's body is once its row is gone.
/// </summary>
[TestFixture]
public sealed class PurgeStaleWebhookEventsTests : WebhookFixture
{
    [Test]
    public async Task Only_the_given_status_received_before_the_instant_is_purged_and_a_redelivery_is_then_a_new_event()
    {
        var hook = await Hook();
        var now = DateTime.UtcNow;
        var oldFailedBody = WebhookSender.ContactCreate(hook.LocationId, "c-old-failed");
        var newFailedBody = WebhookSender.ContactCreate(hook.LocationId, "c-new-failed");
        var oldFailed = await Stored(hook, oldFailedBody, "processed", WebhookEventStatus.Failed, now.AddDays(-10));
        var newFailed = await Stored(hook, newFailedBody, "processed", WebhookEventStatus.Failed, now.AddDays(-1));
        var oldUnhandled = await Stored(hook, Opportunity(hook.LocationId), "unhandled", null, now.AddDays(-10));
        var oldProcessed = await Stored(hook, WebhookSender.ContactCreate(hook.LocationId, "c-old-processed"), "processed", null, now.AddDays(-10));
        var before = Uri.EscapeDataString(now.AddDays(-5).ToString("O"));

        // The purge is inbox-wide (other tests of this fixture leave stale events too): the preview says how many it deletes.
        (await Admin.GetJson($"/api/admin/webhook-events/count?status=failed&locationId={hook.LocationId}&to={before}"))["count"]!.GetValue<int>()
            .Should().Be(1);
        var preview = (await Admin.GetJson($"/api/admin/webhook-events/count?status=failed&to={before}"))["count"]!.GetValue<int>();
        (await (await Admin.DeleteAsync($"/api/admin/webhook-events?status=failed&before={before}")).Json(HttpStatusCode.OK))
            ["deleted"]!.GetValue<int>().Should().Be(preview);
        (await Admin.GetJson($"/api/admin/webhook-events/count?status=failed&to={before}"))["count"]!.GetValue<int>().Should().Be(0);
        await (await Admin.GetAsync($"/api/admin/webhook-events/{oldFailed}")).ProblemAsync(HttpStatusCode.NotFound);
        (await AttemptRows(oldFailed)).Should().Be(0, "an event's attempts go with it");
        (await Status(newFailed)).Should().Be("failed", "received after the instant");
        (await Status(oldUnhandled)).Should().Be("unhandled", "another status");
        (await Status(oldProcessed)).Should().Be("processed");

        preview = (await Admin.GetJson($"/api/admin/webhook-events/count?status=unhandled&to={before}"))["count"]!.GetValue<int>();
        preview.Should().BeGreaterThanOrEqualTo(1);
        (await (await Admin.DeleteAsync($"/api/admin/webhook-events?status=unhandled&before={before}")).Json(HttpStatusCode.OK))
            ["deleted"]!.GetValue<int>().Should().Be(preview);
        await (await Admin.GetAsync($"/api/admin/webhook-events/{oldUnhandled}")).ProblemAsync(HttpStatusCode.NotFound);
        (await Status(oldProcessed)).Should().Be("processed");
        (await Status(newFailed)).Should().Be("failed");

        // The inbox knows a duplicate by its stored row: a purged event's body sent again is a new event, processed again
        // (idempotently: the contact is still one lead); a body still stored is a duplicate.
        var again = await Send(WebhookSender.Hmac(oldFailedBody, hook.Secret), HttpStatusCode.Accepted);
        again.Str("status").Should().Be("accepted");
        var redelivered = again["eventId"]!.GetValue<int>();
        redelivered.Should().NotBe(oldFailed);
        await EventInStatus(redelivered, "processed");
        var duplicate = await Send(WebhookSender.Hmac(newFailedBody, hook.Secret), HttpStatusCode.OK);
        duplicate.Str("status").Should().Be("duplicate");
        duplicate["eventId"]!.GetValue<int>().Should().Be(newFailed);
        (await LeadsOf(hook.Tenant)).Select(l => l!.Str("externalContactId")).Should()
            .BeEquivalentTo("c-old-failed", "c-new-failed", "c-old-processed");
    }

    [Test]
    public async Task A_refused_purge_is_a_400_naming_its_field_and_deletes_nothing()
    {
        var hook = await Hook();
        var stale = await Stored(hook, WebhookSender.ContactCreate(hook.LocationId, "c-stale"), "processed", WebhookEventStatus.Failed,
            DateTime.UtcNow.AddDays(-30));
        var snapshot = await InboxDigest();
        var future = Uri.EscapeDataString(DateTime.UtcNow.AddDays(1).ToString("O"));

        foreach (var (query, field) in new[]
                 {
                     ($"before={future}", "status"), ($"status=processed&before={future}", "status"), ($"status=received&before={future}", "status"),
                     ($"status=retryScheduled&before={future}", "status"), ($"status=bogus&before={future}", "status"), ("status=failed", "before"),
                 })
        {
            var problem = await (await Admin.DeleteAsync($"/api/admin/webhook-events?{query}")).ProblemAsync(HttpStatusCode.BadRequest);
            problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal(new[] { field }, query);
        }

        (await (await Admin.DeleteAsync("/api/admin/webhook-events?status=failed&before=last-week")).ProblemAsync(HttpStatusCode.BadRequest))
            .Str("detail").Should().Contain("before");
        (await InboxDigest()).Should().Equal(snapshot, "a refused purge deletes nothing");
        (await Status(stale)).Should().Be("failed");
    }

    /// <summary>Delivered, processed as <paramref name="outcome"/>, then given the status and age the test needs.</summary>
    private async Task<int> Stored(Hooked hook, string body, string outcome, WebhookEventStatus? status, DateTime receivedAt)
    {
        var id = (await Send(WebhookSender.Hmac(body, hook.Secret), HttpStatusCode.Accepted))["eventId"]!.GetValue<int>();
        await EventInStatus(id, outcome);
        await App.ArrangeEvent(id, status, receivedAt);
        return id;
    }

    private static string Opportunity(string location) =>
        new JsonObject { ["type"] = "OpportunityCreate", ["locationId"] = location, ["id"] = "opp-1", ["webhookId"] = Guid.NewGuid().ToString() }
            .ToJsonString();

    private async Task<string> Status(int eventId) => (await Admin.GetJson($"/api/admin/webhook-events/{eventId}"))["event"]!.Str("status");

    private async Task<int> AttemptRows(int eventId)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<WebhookAttempt>().CountAsync(a => a.WebhookEventId == eventId);
    }

    private async Task<IReadOnlyList<string>> InboxDigest() =>
        (await DatabaseSnapshot.TakeAsync(App)).Where(t => t.Key.Contains("Webhook", StringComparison.Ordinal))
            .Select(t => $"{t.Key}={t.Value}").ToList();
}
