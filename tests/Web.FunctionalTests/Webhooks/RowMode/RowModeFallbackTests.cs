using System.Text.Json.Nodes;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Web.FunctionalTests.Webhooks.RowMode;

/// <summary>
/// A batch row mode cannot write all of: the echo of a message the hub sent changes that message's entry, which row mode
/// leaves to the change tracker. What row mode committed stays, the rest of the batch is done with change tracking, and
/// the outcome is the one the change tracker alone reaches.
/// </summary>
[TestFixture]
public sealed class RowModeFallbackTests
{
    private const string HubText = "Hi from the hub";

    [TestCase(true)]
    [TestCase(false)]
    public async Task The_echo_of_a_hub_sent_message_in_a_batch_sends_the_rest_of_it_through_change_tracking_and_nothing_is_lost(bool rowMode)
    {
        using var hub = await RowModeHub.Start(rowMode);
        var at = DateTime.UtcNow.AddMinutes(-10);
        await hub.Process([Contact("c-1", "echo", "Ada", at), Contact("c-2", "other", "Grace", at), Contact("c-3", "third", "Linus", at)]);
        var leadId = await hub.Read(db => db.Leads.Where(l => l.ExternalContactId == "echo").Select(l => l.Id).SingleAsync());
        // Sent from the hub: queued (its message.send planned in the same save), then on its way to GoHighLevel.
        await hub.Write(db =>
        {
            db.LeadMessages.Add(LeadMessage.Queue(hub.Tenant.SubAccountId, leadId, "echo", "SMS", HubText, null, null, "+15125550100", DateTime.UtcNow));
            return Task.CompletedTask;
        });
        await hub.Write(async db => (await db.LeadMessages.SingleAsync(m => m.Body == HubText)).MarkSending(DateTime.UtcNow));
        var sent = await hub.Read(db => db.LeadMessages.AsNoTracking().SingleAsync(m => m.Body == HubText));
        sent.SendOperationId.Should().NotBeNull("the save planned its message.send");

        await hub.Process([
            Contact("u-1", "other", "Grace Hopper", at.AddMinutes(1)),
            Message("m-1", "OutboundMessage", "echo", "ghl-msg-1", HubText, at.AddMinutes(2)),
            Message("m-2", "InboundMessage", "third", "ghl-msg-2", "Hello back", at.AddMinutes(3)),
            Contact("u-2", "third", "Linus T", at.AddMinutes(4)),
        ]);

        (await hub.Read(db => db.WebhookEvents.Select(e => e.Status).ToListAsync())).Should().OnlyContain(s => s == WebhookEventStatus.Processed)
            .And.HaveCount(7);
        var messages = await hub.Read(db => db.LeadMessages.OrderBy(m => m.Id).ToListAsync());
        messages.Should().HaveCount(2, "the echo is the hub's own message, not a second entry");
        messages[0].Should().BeEquivalentTo(new { Body = HubText, ExternalMessageId = "ghl-msg-1", Status = "delivered", SendOperationId = sent.SendOperationId });
        messages[1].Should().BeEquivalentTo(new { Body = "Hello back", ExternalMessageId = "ghl-msg-2", ExternalContactId = "third", Direction = "inbound" });
        (await hub.Read(db => db.Leads.OrderBy(l => l.ExternalContactId).Select(l => l.FirstName).ToListAsync()))
            .Should().Equal("Ada", "Grace Hopper", "Linus T");
        hub.LogLinesContaining("Processing the rest of the batch with change tracking").Should().Be(rowMode ? 1 : 0);
    }

    private static StreamEvent Contact(string delivery, string contactId, string firstName, DateTime at) => Event(delivery, "ContactUpdate", new JsonObject
    {
        ["id"] = contactId, ["firstName"] = firstName, ["dateUpdated"] = at.ToString("O"),
    });

    private static StreamEvent Message(string delivery, string type, string contactId, string messageId, string body, DateTime at) =>
        Event(delivery, type, new JsonObject
        {
            ["contactId"] = contactId, ["messageId"] = messageId, ["messageType"] = "SMS", ["body"] = body, ["status"] = "delivered",
            ["direction"] = type == "InboundMessage" ? "inbound" : "outbound", ["dateAdded"] = at.ToString("O"),
        });

    private static StreamEvent Event(string delivery, string type, JsonObject payload)
    {
        payload["type"] = type;
        payload["locationId"] = RowModeHub.Location;
        return new StreamEvent($"fallback-{delivery}", type, payload.ToJsonString());
    }
}
