using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

/// <summary>
/// Replaying every stored event that matches a filter (ReplayMatchingWebhookEvents) and its preview (CountWebhookEvents):
/// exactly the matching events are processed again, once each, and a refused filter changes nothing.
/// </summary>
[TestFixture]
public sealed class ReplayMatchingWebhookEventsTests : WebhookFixture
{
    private const string Replay = "/api/admin/webhook-events/replay";

    [Test]
    public async Task Dead_letters_whose_cause_is_fixed_are_replayed_by_status_and_location_into_one_lead_each()
    {
        var broken = await Hook(withUser: false);
        var other = await Hook(withUser: false);
        var healthy = await Hook();
        var failed = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            failed.Add(await Delivered(broken, WebhookSender.ContactCreate(broken.LocationId, $"c-fix-{i}")));
        }

        var otherFailed = await Delivered(other, WebhookSender.ContactCreate(other.LocationId, "c-other"));
        var fine = await Delivered(healthy, WebhookSender.ContactCreate(healthy.LocationId, "c-fine"));
        await EventInStatus(fine, "processed");
        foreach (var id in failed.Append(otherFailed))
        {
            await DeadLetter(id);
        }

        // The cause (no user to assign the lead to) is fixed in both sub-accounts; only one of them is replayed.
        var otherAttempts = await Admin.Attempts(otherFailed);
        await AddUser(broken.Tenant);
        await AddUser(other.Tenant);
        var filter = $"status=failed&locationId={broken.LocationId}";
        (await Admin.GetJson($"/api/admin/webhook-events/count?{filter}"))["count"]!.GetValue<int>().Should().Be(3);
        (await (await Admin.PostJson(Replay, new { status = "failed", locationId = broken.LocationId })).Json(HttpStatusCode.Accepted))
            ["count"]!.GetValue<int>().Should().Be(3);

        foreach (var id in failed)
        {
            (await EventInStatus(id, "processed"))["attempts"]!.AsArray().Last()!["succeeded"]!.GetValue<bool>().Should().BeTrue();
        }

        (await LeadsOf(broken.Tenant)).Select(l => l!.Str("externalContactId")).Should().BeEquivalentTo("c-fix-0", "c-fix-1", "c-fix-2");
        var untouched = (await Admin.GetJson($"/api/admin/webhook-events/{otherFailed}"))["event"]!;
        untouched.Str("status").Should().Be("failed", "another location's dead letter is not part of the filter");
        untouched["attemptCount"]!.GetValue<int>().Should().Be(otherAttempts);
        (await LeadsOf(other.Tenant)).Should().BeEmpty();
        (await Admin.Attempts(fine)).Should().Be(1, "a processed event does not match status=failed");

        // Nothing of that location is failed any more: the same replay finds nothing.
        (await (await Admin.PostJson(Replay, new { status = "failed", locationId = broken.LocationId })).Json(HttpStatusCode.Accepted))
            ["count"]!.GetValue<int>().Should().Be(0);
        (await LeadsOf(broken.Tenant)).Should().HaveCount(3, "processing again is idempotent: each contact is one lead");
    }

    [Test]
    public async Task A_type_or_a_received_window_replays_only_its_events_and_leads_stay_one_per_contact()
    {
        var hook = await Hook();
        var contact = await Delivered(hook, WebhookSender.ContactCreate(hook.LocationId, "c-typed"));
        var opportunity = await Delivered(hook, Opportunity(hook.LocationId));
        await EventInStatus(contact, "processed");
        await EventInStatus(opportunity, "unhandled");

        (await Admin.GetJson($"/api/admin/webhook-events/count?type=OpportunityCreate&locationId={hook.LocationId}"))["count"]!.GetValue<int>()
            .Should().Be(1);
        (await (await Admin.PostJson(Replay, new { type = "OpportunityCreate", locationId = hook.LocationId })).Json(HttpStatusCode.Accepted))
            ["count"]!.GetValue<int>().Should().Be(1);
        await AttemptsBecome(opportunity, 2);
        await EventInStatus(opportunity, "unhandled");
        (await Admin.Attempts(contact)).Should().Be(1);

        // Received on three days; [from, to) takes the middle one only.
        var days = new List<int>();
        for (var day = 1; day <= 3; day++)
        {
            var id = await Delivered(hook, WebhookSender.ContactCreate(hook.LocationId, $"c-day-{day}"));
            await EventInStatus(id, "processed");
            await App.ArrangeEvent(id, receivedAt: new DateTime(2026, 1, day, 0, 0, 0, DateTimeKind.Utc));
            days.Add(id);
        }

        var window = new { locationId = hook.LocationId, from = "2026-01-02T00:00:00Z", to = "2026-01-03T00:00:00Z" };
        (await Admin.GetJson($"/api/admin/webhook-events/count?locationId={hook.LocationId}&from=2026-01-02T00:00:00Z&to=2026-01-03T00:00:00Z"))
            ["count"]!.GetValue<int>().Should().Be(1);
        (await (await Admin.PostJson(Replay, window)).Json(HttpStatusCode.Accepted))["count"]!.GetValue<int>().Should().Be(1);
        await AttemptsBecome(days[1], 2);
        await EventInStatus(days[1], "processed");
        (await Admin.Attempts(days[0])).Should().Be(1);
        (await Admin.Attempts(days[2])).Should().Be(1, "to is exclusive");
        (await LeadsOf(hook.Tenant)).Select(l => l!.Str("externalContactId")).Should().BeEquivalentTo("c-typed", "c-day-1", "c-day-2", "c-day-3");
    }

    [Test]
    public async Task Unmatched_events_are_replayed_into_the_integration_their_location_has_now()
    {
        var location = "loc-bulk-later-" + Guid.NewGuid().ToString("N")[..6];
        var waiting = (await Send(Sender.Ed25519(WebhookSender.ContactCreate(location, "c-bulk-later")), HttpStatusCode.Accepted))["eventId"]!
            .GetValue<int>();
        await EventInStatus(waiting, "unmatched");
        (await (await Admin.PostJson(Replay, new { status = "unmatched", locationId = location })).Json(HttpStatusCode.Accepted))
            ["count"]!.GetValue<int>().Should().Be(1);
        (await EventInStatus(waiting, "unmatched"))["event"]!["integrationId"].Should().BeNull("its location has no integration yet");

        var tenant = await App.CreateTenant("Bulk later");
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL", config = new { apiKey = "k", locationId = location },
        })).Json(HttpStatusCode.Created);
        (await (await Admin.PostJson(Replay, new { status = "unmatched", locationId = location })).Json(HttpStatusCode.Accepted))
            ["count"]!.GetValue<int>().Should().Be(1);
        (await EventInStatus(waiting, "processed"))["event"]!["integrationId"]!.GetValue<int>().Should().Be(integration.Id());
        (await LeadsOf(tenant)).Should().ContainSingle().Which!.Str("externalContactId").Should().Be("c-bulk-later");
    }

    [Test]
    public async Task A_refused_filter_is_a_400_naming_its_field_and_replays_nothing()
    {
        var hook = await Hook();
        var stored = await Delivered(hook, WebhookSender.ContactCreate(hook.LocationId, "c-refused"));
        await EventInStatus(stored, "processed");
        await App.Settled(stored);
        var before = await InboxDigest();

        var refused = new (object Body, string Field)[]
        {
            (new { status = "bogus" }, "status"),
            (new { status = "3" }, "status"),
            (new { type = "" }, "type"),
            (new { locationId = " " }, "locationId"),
            (new { from = "2026-01-02T00:00:00Z", to = "2026-01-01T00:00:00Z" }, "to"),
            (new { from = "yesterday" }, "from"),
            (new { stauts = "failed" }, "stauts"), // a misspelt filter must not widen the replay to every event
        };
        foreach (var (body, field) in refused)
        {
            var problem = await (await Admin.PostJson(Replay, body)).ProblemAsync(HttpStatusCode.BadRequest);
            problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal(new[] { field }, JsonSerializerFor(body));
        }

        foreach (var (query, field) in new[] { ("status=bogus", "status"), ("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to") })
        {
            var problem = await (await Admin.GetAsync($"/api/admin/webhook-events/count?{query}")).ProblemAsync(HttpStatusCode.BadRequest);
            problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal(new[] { field }, query);
        }

        (await (await Admin.GetAsync("/api/admin/webhook-events/count?from=soon")).ProblemAsync(HttpStatusCode.BadRequest))
            .Str("detail").Should().Contain("from");
        (await (await Admin.PostRaw(Replay, "")).ProblemAsync(HttpStatusCode.BadRequest)).Str("detail").Should().Contain("JSON body");
        (await InboxDigest()).Should().Equal(before, "a refused replay changes nothing");
        (await Admin.Attempts(stored)).Should().Be(1);
    }

    [Test]
    public async Task Only_an_admin_may_count_replay_or_purge()
    {
        var hook = await Hook();
        var stored = await Delivered(hook, WebhookSender.ContactCreate(hook.LocationId, "c-tenant"));
        await EventInStatus(stored, "processed");
        await App.Settled(stored);
        var tenant = hook.Tenant.Client;
        var before = await InboxDigest();

        (await tenant.GetAsync("/api/admin/webhook-events/count")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await tenant.PostJson(Replay, new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await tenant.DeleteAsync($"/api/admin/webhook-events?status=unhandled&before={DateTime.UtcNow.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}"))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await App.Anonymous().PostJson(Replay, new { })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await InboxDigest()).Should().Equal(before);
    }

    private async Task<int> Delivered(Hooked hook, string body) =>
        (await Send(WebhookSender.Hmac(body, hook.Secret), HttpStatusCode.Accepted))["eventId"]!.GetValue<int>();

    /// <summary>A type the hub does not act on: stored and marked unhandled.</summary>
    private static string Opportunity(string location) =>
        new JsonObject { ["type"] = "OpportunityCreate", ["locationId"] = location, ["id"] = "opp-1", ["webhookId"] = Guid.NewGuid().ToString() }
            .ToJsonString();

    /// <summary>
    /// Failed, and made at once the dead letter its last retry (hours later) would leave: its next attempt is 5 s away, so
    /// nothing is processing it while it changes, and the retry job then finds it not due.
    /// </summary>
    private async Task DeadLetter(int eventId)
    {
        await EventInStatus(eventId, "retryScheduled");
        await App.ArrangeEvent(eventId, WebhookEventStatus.Failed);
    }

    private async Task AddUser(Tenant tenant) =>
        await (await Admin.PostJson($"/api/admin/sub-accounts/{tenant.SubAccountId}/users",
            new { email = $"fixed.{Guid.NewGuid():N}@example.com", name = "Fixed" })).Json(HttpStatusCode.Created);

    private Task AttemptsBecome(int eventId, int attempts) =>
        Poll.Eventually(async () => await Admin.Attempts(eventId) == attempts ? "done" : null, $"event {eventId} to have {attempts} attempts");

    private async Task<IReadOnlyList<string>> InboxDigest() =>
        (await DatabaseSnapshot.TakeAsync(App)).Where(t => t.Key.Contains("Webhook", StringComparison.Ordinal))
            .Select(t => $"{t.Key}={t.Value}").ToList();

    private static string JsonSerializerFor(object body) => System.Text.Json.JsonSerializer.Serialize(body);
}
