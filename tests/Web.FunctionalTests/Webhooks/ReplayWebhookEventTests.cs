using System.Net;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

/// <summary>
/// A failed or waiting event retried on its schedule or replayed by an admin (ReplayWebhookEvent): processed once the
/// cause is fixed, never twice, and a failing one holds up no other.
/// </summary>
[TestFixture]
public sealed class ReplayWebhookEventTests : WebhookFixture
{
    [Test]
    public async Task Events_for_an_unknown_location_signed_by_gohighlevel_are_kept_and_replayed_once_it_exists()
    {
        var location = "loc-later-" + Guid.NewGuid().ToString("N")[..6];
        var accepted = await Send(Sender.Ed25519(WebhookSender.ContactCreate(location, "c-later")), HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();
        (await Admin.GetJson($"/api/admin/webhook-events/{eventId}"))["event"]!.Str("status").Should().Be("unmatched");

        // An HMAC signature cannot be checked without the integration's secret: refused, not stored.
        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(location, "c-later-2"), "whsec_x")))
            .ProblemAsync(HttpStatusCode.Unauthorized);

        var tenant = await App.CreateTenant("Later");
        await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL", config = new { apiKey = "k", locationId = location },
        })).Json(HttpStatusCode.Created);
        (await (await Admin.PostAsync($"/api/admin/webhook-events/{eventId}/replay", null)).Json(HttpStatusCode.Accepted))
            .Str("status").Should().Be("received");
        await EventInStatus(eventId, "processed");
        (await LeadsOf(tenant)).Single()!.Str("externalContactId").Should().Be("c-later");
    }

    [Test]
    public async Task A_failing_event_is_retried_on_a_schedule_and_replay_after_the_fix_processes_it_once()
    {
        var hook = await Hook(withUser: false);
        var accepted = await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-retry"), hook.Secret), HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();

        var failed = await EventInStatus(eventId, "retryScheduled");
        failed["event"]!.Str("lastError").Should().Contain("no user");
        failed["event"]!["nextAttemptAt"]!.GetValue<DateTime>().Should().BeCloseTo(DateTime.UtcNow.AddSeconds(5), TimeSpan.FromSeconds(4));
        failed["attempts"]!.AsArray().Should().ContainSingle().Which!["succeeded"]!.GetValue<bool>().Should().BeFalse();

        var user = await (await Admin.PostJson($"/api/admin/sub-accounts/{hook.Tenant.SubAccountId}/users", new { email = $"late.{eventId}@example.com", name = "Late" }))
            .Json(HttpStatusCode.Created);
        await (await Admin.PostAsync($"/api/admin/webhook-events/{eventId}/replay", null)).Json(HttpStatusCode.Accepted);
        var processed = await EventInStatus(eventId, "processed");
        processed["attempts"]!.AsArray().Last()!["succeeded"]!.GetValue<bool>().Should().BeTrue();

        var lead = (await LeadsOf(hook.Tenant)).Should().ContainSingle().Subject!;
        lead["regularUserId"]!.GetValue<int>().Should().Be(user.Id());
        lead["strategyId"].Should().BeNull("the user has no strategy yet");

        // The scheduled retry (Hangfire, ~5 s) finds it processed and changes nothing; so does another replay.
        var updatedAt = lead.Str("updatedAt");
        await (await Admin.PostAsync($"/api/admin/webhook-events/{eventId}/replay", null)).Json(HttpStatusCode.Accepted);
        await EventInStatus(eventId, "processed");
        await App.SucceededAsync<IntegrationHub.Infrastructure.Jobs.WebhookJobs>(nameof(IntegrationHub.Infrastructure.Jobs.WebhookJobs.RetryAsync), eventId);
        var after = (await LeadsOf(hook.Tenant)).Should().ContainSingle().Subject!;
        after.Str("updatedAt").Should().Be(updatedAt);
    }

    [Test]
    public async Task A_failing_event_in_a_burst_holds_up_no_other_and_nothing_is_processed_twice()
    {
        var good = await Hook();
        var bad = await Hook(withUser: false);
        // Sent together, so that processing takes them in shared batches (committed a few events at a time).
        var sends = Enumerable.Range(0, 40).Select(i => i % 10 == 5
            ? Send(WebhookSender.Hmac(WebhookSender.ContactCreate(bad.LocationId, $"c-bad-{i}"), bad.Secret), HttpStatusCode.Accepted)
            : Send(WebhookSender.Hmac(WebhookSender.ContactCreate(good.LocationId, $"c-good-{i}"), good.Secret), HttpStatusCode.Accepted));
        var accepted = await Task.WhenAll(sends);
        accepted.Should().HaveCount(40);

        await Poll.Eventually(async () => (await LeadsOf(good.Tenant)) is { Count: 36 } all ? all : null, "36 leads for the good sub-account");
        var goodEvents = (await Admin.GetJson($"/api/admin/webhook-events?locationId={good.LocationId}")).AsArray();
        goodEvents.Should().HaveCount(36).And.AllSatisfy(e =>
        {
            e!.Str("status").Should().Be("processed");
            e!["attemptCount"]!.GetValue<int>().Should().Be(1, "an event committed in an earlier part of a batch is not processed again");
        });

        var badEvents = await Poll.Eventually(async () =>
            (await Admin.GetJson($"/api/admin/webhook-events?locationId={bad.LocationId}")).AsArray() is var all
            && all.All(e => e!.Str("status") == "retryScheduled") ? all : null, "the failing events to wait for a retry");
        badEvents.Should().HaveCount(4).And.AllSatisfy(e => e!["attemptCount"]!.GetValue<int>().Should().Be(1));
        (await LeadsOf(bad.Tenant)).Should().BeEmpty();
    }

    [Test]
    public async Task A_failed_event_is_retried_by_the_scheduled_job_without_anyone_replaying_it()
    {
        var hook = await Hook(withUser: false);
        var accepted = await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-auto-retry"), hook.Secret), HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();
        await EventInStatus(eventId, "retryScheduled");

        // Fix the cause; the retry scheduled ~5 s after the failure (a Hangfire delayed job) does the rest.
        await (await Admin.PostJson($"/api/admin/sub-accounts/{hook.Tenant.SubAccountId}/users", new { email = $"auto.{eventId}@example.com", name = "Auto" }))
            .Json(HttpStatusCode.Created);
        // On a loaded machine the first retry (~5 s) may come before the user exists and fail again; the next one
        // (backed off) then does it. Either way no one replays it: at least two attempts, the last one processing it.
        var processed = await Poll.Eventually(async () =>
        {
            var details = await Admin.GetJson($"/api/admin/webhook-events/{eventId}");
            return details["event"]!.Str("status") == "processed" ? details : null;
        }, $"event {eventId} to be processed by a scheduled retry", seconds: 120);
        processed["attempts"]!.AsArray().Count.Should().BeGreaterThanOrEqualTo(2);
        (await LeadsOf(hook.Tenant)).Should().ContainSingle().Which!.Str("externalContactId").Should().Be("c-auto-retry");
    }
}
