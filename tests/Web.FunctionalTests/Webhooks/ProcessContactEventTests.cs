using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

/// <summary>
/// A stored contact event processed into a lead (ContactEventHandler): its fields and detected timezone, GoHighLevel's
/// contact lifecycle whatever the order of its events, and the envelopes GoHighLevel sends.
/// </summary>
[TestFixture]
public sealed class ProcessContactEventTests : WebhookFixture
{
    [Test]
    public async Task An_hmac_signed_contact_becomes_a_lead_with_a_detected_timezone()
    {
        var hook = await Hook();
        var accepted = await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-hmac-1"), hook.Secret), HttpStatusCode.Accepted);
        accepted.Str("status").Should().Be("accepted");
        var eventId = accepted["eventId"]!.GetValue<int>();

        await EventInStatus(eventId, "processed");
        var lead = (await LeadsOf(hook.Tenant)).Single()!;
        lead.Str("externalContactId").Should().Be("c-hmac-1");
        lead.Str("name").Should().Be("Ada Lovelace");
        lead.Str("email").Should().Be("c-hmac-1@example.com");
        lead.Str("company").Should().Be("Analytical");
        lead.Str("postalCode").Should().Be("73301");
        lead.Str("timezone").Should().Be("America/Chicago", "Texas is on Central time");
        lead["regularUserId"]!.GetValue<int>().Should().Be(hook.Tenant.UserId);
        lead["strategyId"]!.GetValue<int>().Should().Be(hook.Tenant.StrategyId);
        lead["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("webhook", "vip");
    }

    [Test]
    public async Task The_contact_lifecycle_follows_gohighlevel_whatever_the_order_of_its_events()
    {
        var hook = await Hook();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-4);
        string At(int minutes) => t0.AddMinutes(minutes).ToString("O");
        JsonObject Contact(string type, int minutes) => new() { ["type"] = type, ["id"] = "c-life", ["dateUpdated"] = At(minutes) };

        // The update arrives before the create: it creates the lead.
        var update = Contact("ContactUpdate", 2);
        update["firstName"] = "Ada";
        update["lastName"] = "Byron";
        update["companyName"] = "Engines";
        update["customFields"] = new JsonArray(new JsonObject { ["id"] = "f-plan", ["value"] = "gold" });
        await Deliver(hook, update);
        var lead = (await LeadsOf(hook.Tenant)).Should().ContainSingle().Subject!;
        lead.Str("company").Should().Be("Engines");
        lead["customFields"]!["f-plan"]!.GetValue<string>().Should().Be("gold");
        lead["crmUpdatedAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(t0.AddMinutes(2), TimeSpan.FromMilliseconds(1));

        // The older create, arriving late, changes nothing.
        var create = Contact("ContactCreate", 1);
        create["firstName"] = "Old";
        await Deliver(hook, create);
        (await Admin.GetJson($"/api/leads/{lead.Id()}")).Str("firstName").Should().Be("Ada");

        // A tag update replaces the tags and leaves the rest; the same event twice changes nothing.
        var tags = Contact("ContactTagUpdate", 3);
        tags["tags"] = new JsonArray("vip", "dental");
        await Deliver(hook, (JsonObject)tags.DeepClone());
        var tagged = await Admin.GetJson($"/api/leads/{lead.Id()}");
        tagged["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("vip", "dental");
        tagged.Str("company").Should().Be("Engines", "fields an event leaves out stay as they are");
        await Deliver(hook, (JsonObject)tags.DeepClone());
        (await Admin.GetJson($"/api/leads/{lead.Id()}")).Str("updatedAt").Should().Be(tagged.Str("updatedAt"));

        // Deleted in GoHighLevel: the lead stays, marked; a later create clears the mark.
        await Deliver(hook, Contact("ContactDelete", 4));
        var deleted = await Admin.GetJson($"/api/leads/{lead.Id()}");
        deleted["crmDeletedAt"].Should().NotBeNull();
        var recreate = Contact("ContactCreate", 5);
        recreate["firstName"] = "Ada";
        await Deliver(hook, recreate);
        var back = await Admin.GetJson($"/api/leads/{lead.Id()}");
        back["crmDeletedAt"].Should().BeNull();
        back["tags"]!.AsArray().Should().HaveCount(2, "a create without tags keeps them");

        // An update older than what the lead reflects is ignored.
        var stale = Contact("ContactUpdate", 0);
        stale["companyName"] = "Stale Inc";
        await Deliver(hook, stale);
        (await Admin.GetJson($"/api/leads/{lead.Id()}")).Str("company").Should().Be("Engines");
        (await LeadsOf(hook.Tenant)).Should().ContainSingle("every event was about the same contact");
    }

    [Test]
    public async Task The_seed_envelope_and_the_default_workflow_payload_are_understood()
    {
        var hook = await Hook();
        var envelope = $$$"""{"type":"contact.created","source":"gohighlevel","payload":{"locationId":"{{{hook.LocationId}}}","id":"c-env","firstName":"Env","lastName":"Elope","email":"env@example.com","country":"GB"}}""";
        var workflow = $$$"""{"contact_id":"c-wf","first_name":"Work","last_name":"Flow","email":"wf@example.com","phone":"+61 2 9374 4000","tags":"a, b","location":{"id":"{{{hook.LocationId}}}","name":"Clinic"}}""";
        await Send(WebhookSender.Hmac(envelope, hook.Secret), HttpStatusCode.Accepted);
        await Send(WebhookSender.Token(workflow, hook.Secret), HttpStatusCode.Accepted);

        var leads = await Poll.Eventually(async () => (await LeadsOf(hook.Tenant)) is { Count: 2 } all ? all : null, "two leads");
        var env = leads.Single(l => l!.Str("externalContactId") == "c-env")!;
        env.Str("name").Should().Be("Env Elope");
        env.Str("timezone").Should().Be("Europe/London");
        var wf = leads.Single(l => l!.Str("externalContactId") == "c-wf")!;
        wf.Str("name").Should().Be("Work Flow");
        wf.Str("timezone").Should().Be("Australia/Sydney", "the phone number is the only signal");
        wf["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("a", "b");
    }
}
