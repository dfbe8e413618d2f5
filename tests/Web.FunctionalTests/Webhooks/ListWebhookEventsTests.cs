using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

/// <summary>
/// The inbox as admins read it (ListWebhookEvents, GetWebhookEvent): listed, filtered, one event with its attempts and
/// its body as received; admins only.
/// </summary>
[TestFixture]
public sealed class ListWebhookEventsTests : WebhookFixture
{
    [Test]
    public async Task An_events_body_is_shown_as_the_text_received_not_encoded_again()
    {
        var hook = await Hook();
        // What re-encoding used to change: "+" (became \u002B), "<" and non-ASCII (escaped), spacing and a \u escape of the sender's.
        var body = $$"""{ "type" : "ContactCreate", "locationId":"{{hook.LocationId}}", "id":"c-raw",  "phone":"+919876543210", "firstName":"Zoë <Z>", "lastName":"\u0041da" }""";
        var accepted = await Send(WebhookSender.Hmac(body, hook.Secret), HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();

        var details = await Admin.GetJson($"/api/admin/webhook-events/{eventId}");

        details.Str("body").Should().Be(body);
    }

    [Test]
    public async Task The_inbox_is_listed_filtered_and_shown_to_admins_only()
    {
        var hook = await Hook();
        var accepted = await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-inbox"), hook.Secret), HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();
        await EventInStatus(eventId, "processed");

        (await Admin.GetJson($"/api/admin/webhook-events?locationId={hook.LocationId}&type=ContactCreate&status=processed")).AsArray()
            .Select(e => e!.Id()).Should().Equal(eventId);
        (await Admin.GetJson($"/api/admin/webhook-events?locationId={hook.LocationId}&status=failed")).AsArray().Should().BeEmpty();
        await (await Admin.GetAsync("/api/admin/webhook-events?status=bogus")).ProblemAsync(HttpStatusCode.BadRequest);
        var details = await Admin.GetJson($"/api/admin/webhook-events/{eventId}");
        JsonNode.Parse(details.Str("body"))!.Str("id").Should().Be("c-inbox");
        details["attempts"]!.AsArray().Should().ContainSingle();
        await (await Admin.GetAsync("/api/admin/webhook-events/987654")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostAsync("/api/admin/webhook-events/987654/replay", null)).ProblemAsync(HttpStatusCode.NotFound);

        (await hook.Tenant.Client.GetAsync("/api/admin/webhook-events")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await App.Anonymous().GetAsync($"/api/admin/webhook-events/{eventId}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await hook.Tenant.Client.PostAsync($"/api/admin/webhook-events/{eventId}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
