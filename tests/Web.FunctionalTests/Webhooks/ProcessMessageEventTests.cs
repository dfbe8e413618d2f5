using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

/// <summary>
/// A stored message event processed into its lead's message log (MessageEventHandler): both directions, every documented
/// example, and a message that arrives before its contact or its location.
/// </summary>
[TestFixture]
public sealed class ProcessMessageEventTests : WebhookFixture
{
    [Test]
    public async Task A_message_that_arrives_before_its_contact_is_kept_and_shown_with_the_lead()
    {
        var hook = await Hook();
        var message = await Send(WebhookSender.Hmac(WebhookSender.OutboundMessage(hook.LocationId, "c-msg-1", "m-1"), hook.Secret), HttpStatusCode.Accepted);
        await EventInStatus(message["eventId"]!.GetValue<int>(), "processed");
        var contact = await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-msg-1"), hook.Secret), HttpStatusCode.Accepted);
        await EventInStatus(contact["eventId"]!.GetValue<int>(), "processed");

        var lead = (await LeadsOf(hook.Tenant)).Single()!;
        var messages = await hook.Tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages");
        var logged = messages.AsArray().Should().ContainSingle().Subject!;
        logged.Str("messageType").Should().Be("Email");
        logged.Str("subject").Should().Be("Welcome");
        logged.Str("body").Should().Be("Hello there");
        logged.Str("from").Should().Be("desk@clinic.test");
        logged.Str("to").Should().Be("c-msg-1@example.com");
        logged.Str("direction").Should().Be("outbound");
        logged.Str("status").Should().Be("delivered");
        logged["attachments"]!.AsArray().Should().ContainSingle();
        logged["leadId"]!.GetValue<int>().Should().Be(lead.Id(), "it was linked once the lead appeared");

        // The same message delivered again (new delivery id) is logged once.
        var again = await Send(WebhookSender.Hmac(WebhookSender.OutboundMessage(hook.LocationId, "c-msg-1", "m-1"), hook.Secret), HttpStatusCode.Accepted);
        await EventInStatus(again["eventId"]!.GetValue<int>(), "processed");
        (await hook.Tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages")).AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task Every_documented_gohighlevel_example_is_accepted_and_its_messages_are_logged()
    {
        var hook = await Hook();
        var contactId = "c-doc-" + Guid.NewGuid().ToString("N")[..8];
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "ghl-webhook-examples");
        var examples = Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
        examples.Should().HaveCountGreaterThanOrEqualTo(7);

        // The create first, so the messages have their lead; then every other example, as real deliveries (fresh ids).
        var eventIds = new Dictionary<string, int>();
        foreach (var file in examples.OrderBy(f => Path.GetFileName(f) == "ContactCreate.json" ? 0 : 1))
        {
            var body = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            body["locationId"] = hook.LocationId;
            if (body["appointment"] is JsonObject appointment)
            {
                appointment["contactId"] = contactId; // Appointment events name the contact inside the appointment.
            }
            else
            {
                body[body.ContainsKey("contactId") ? "contactId" : "id"] = contactId;
            }

            body["webhookId"] = Guid.NewGuid().ToString();
            body["timestamp"] = DateTimeOffset.UtcNow.ToString("O");
            var accepted = await Send(WebhookSender.Hmac(body.ToJsonString(), hook.Secret), HttpStatusCode.Accepted);
            eventIds[Path.GetFileNameWithoutExtension(file)] = accepted["eventId"]!.GetValue<int>();
            if (Path.GetFileName(file) == "ContactCreate.json")
            {
                await EventInStatus(eventIds["ContactCreate"], "processed");
            }
        }

        await EventInStatus(eventIds["OutboundMessage.SMS"], "processed");
        await EventInStatus(eventIds["OutboundMessage.Email"], "processed");
        var lead = (await LeadsOf(hook.Tenant)).Should().ContainSingle().Subject!;
        var messages = (await hook.Tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages")).AsArray();
        messages.Select(m => m!.Str("messageType")).Should().Contain(["SMS", "Email"]);
        messages.Single(m => m!.Str("messageType") == "Email")!.Str("subject").Should().Be("Order Confirmed");

        // The appointment example (its end equal to its start, as published) becomes a booking of the contact's lead.
        await EventInStatus(eventIds["AppointmentCreate"], "processed");
        var booking = (await hook.Tenant.Client.GetJson($"/api/leads/{lead.Id()}/bookings")).AsArray().Should().ContainSingle().Subject!;
        booking.Str("startTime").Should().Be("2023-09-25T16:00:00+05:30");
        booking.Str("endTime").Should().Be("2023-09-25T16:00:00+05:30");
        booking.Str("title").Should().Be("Appointment with GHL Dev team");
        booking.Str("status").Should().Be("confirmed");
        booking.Str("externalEventId").Should().Be("0007BWpSzSwfiuSl0tR2");
    }

    [Test]
    public async Task Messages_both_ways_land_in_the_log_with_the_direction_of_their_event_type()
    {
        var hook = await Hook();
        await Deliver(hook, JsonNode.Parse($$"""{"type":"ContactCreate","id":"c-talk","firstName":"Tom"}""")!.AsObject());
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "ghl-webhook-examples");
        foreach (var (file, type) in new[] { ("InboundMessage.SMS.json", "InboundMessage"), ("OutboundMessage.SMS.json", "OutboundMessage"),
            ("OutboundMessage.SMS.json", "ProviderOutboundMessage") })
        {
            var body = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, file)))!.AsObject();
            body["type"] = type;
            body["contactId"] = "c-talk";
            body["messageId"] = "m-" + type;
            await Deliver(hook, body);
        }

        await Deliver(hook, JsonNode.Parse("""
            {"type":"OutboundMessage","contactId":"c-talk","messageId":"m-call","messageType":"CALL","callDuration":42,"callStatus":"completed","status":"completed"}
            """)!.AsObject());

        var lead = (await LeadsOf(hook.Tenant)).Single()!;
        var log = (await hook.Tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages")).AsArray();
        log.Where(m => m!.Str("channel") == "sms").Select(m => m!.Str("direction")).Should().BeEquivalentTo(["inbound", "outbound", "outbound"],
            "the SMS example says inbound on an OutboundMessage; the type decides");
        var call = log.Single(m => m!.Str("channel") == "call")!;
        call["callDurationSeconds"]!.GetValue<int>().Should().Be(42);
        call.Str("status").Should().Be("completed");
        call["sentAt"].Should().NotBeNull();

        var summary = await Admin.GetJson("/api/admin/webhook-events/summary");
        summary["byType"]!["InboundMessage"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        summary["byStatus"]!["processed"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(4);
    }

    [Test]
    public async Task A_message_event_kept_for_a_location_not_set_up_yet_is_replayed_into_its_leads_log_after_the_contact_appears()
    {
        var location = "loc-msg-later-" + Guid.NewGuid().ToString("N")[..6];
        var message = await Send(Sender.Ed25519(WebhookSender.OutboundMessage(location, "c-msg-later", "m-later")), HttpStatusCode.Accepted);
        var eventId = message["eventId"]!.GetValue<int>();
        (await Admin.GetJson($"/api/admin/webhook-events/{eventId}"))["event"]!.Str("status").Should().Be("unmatched");

        var tenant = await App.CreateTenant("Message later");
        await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL", config = new { apiKey = "k", locationId = location },
        })).Json(HttpStatusCode.Created);
        var contact = await Send(Sender.Ed25519(WebhookSender.ContactCreate(location, "c-msg-later")), HttpStatusCode.Accepted);
        await EventInStatus(contact["eventId"]!.GetValue<int>(), "processed");

        await (await Admin.PostAsync($"/api/admin/webhook-events/{eventId}/replay", null)).Json(HttpStatusCode.Accepted);
        await EventInStatus(eventId, "processed");
        var lead = (await LeadsOf(tenant)).Single()!;
        var logged = (await tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages")).AsArray().Should().ContainSingle().Subject!;
        logged["leadId"]!.GetValue<int>().Should().Be(lead.Id());
        logged.Str("channel").Should().Be("email");
    }
}
