using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>A tenant whose leads go to the fake GoHighLevel, one lead already linked to its contact, and ways to change both sides.</summary>
public sealed record SyncedLead(Tenant Tenant, int IntegrationId, string LocationId, int LeadId, string ContactId);

public static class TwoWayContacts
{
    public static Task<HttpResponseMessage> PatchJson(this HttpClient client, string url, object body) =>
        client.PatchAsync(url, JsonContent.Create(body));

    public static Task<HttpResponseMessage> PatchRaw(this HttpClient client, string url, string json) =>
        client.PatchAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>A tenant with an active GoHighLevel integration (unsigned webhooks allowed, for the tests' ContactUpdates).</summary>
    public static async Task<(Tenant Tenant, int IntegrationId, string LocationId)> ConnectedTenantAsync(this HubApp app, FakeGoHighLevel ghl,
        string conflictPolicy = "lastWriteWins", string? bookingSync = null)
    {
        var admin = app.Admin();
        var templateId = (await app.Anonymous().GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var tenant = await app.CreateTenant("Two-way " + Guid.NewGuid().ToString("N")[..6]);
        var locationId = FakeGoHighLevel.NewLocationId();
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templateId, name = "GoHighLevel",
            config = bookingSync is null
                ? (object)new { apiKey = FakeGoHighLevel.ValidToken, locationId, baseUrl = ghl.Url, allowUnsignedWebhooks = true, conflictPolicy }
                : new { apiKey = FakeGoHighLevel.ValidToken, locationId, baseUrl = ghl.Url, allowUnsignedWebhooks = true, conflictPolicy, bookingSync, calendarId = "cal-1" },
        })).Json(HttpStatusCode.Created);
        (await (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).Json(HttpStatusCode.OK))["success"]!
            .GetValue<bool>().Should().BeTrue();
        return (tenant, integration.Id(), locationId);
    }

    /// <summary>A lead created in the hub whose contact.create went through: linked to its GoHighLevel contact.</summary>
    public static async Task<SyncedLead> SyncedLeadAsync(this HubApp app, FakeGoHighLevel ghl, string conflictPolicy = "lastWriteWins", object? lead = null,
        string? bookingSync = null)
    {
        var (tenant, integrationId, locationId) = await app.ConnectedTenantAsync(ghl, conflictPolicy, bookingSync);
        lead ??= new { firstName = "Ada", lastName = "Lovelace", email = $"ada.{Guid.NewGuid():N}@hub.test", phone = "+14155550123", city = "London" };
        var leadId = (await (await tenant.Client.PostJson("/api/leads", lead)).Json(HttpStatusCode.Created)).Id();
        await app.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Succeeded);
        var contactId = (await tenant.Client.GetJson($"/api/leads/{leadId}")).Str("externalContactId");
        return new SyncedLead(tenant, integrationId, locationId, leadId, contactId);
    }

    /// <summary>A new lead of the tenant, linked to its GoHighLevel contact.</summary>
    public static async Task<SyncedLead> AnotherSyncedLeadAsync(this HubApp app, SyncedLead sibling)
    {
        var leadId = (await (await sibling.Tenant.Client.PostJson("/api/leads", new { firstName = "Ada", city = "London", email = $"ada.{Guid.NewGuid():N}@hub.test" }))
            .Json(HttpStatusCode.Created)).Id();
        await app.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Succeeded);
        return sibling with { LeadId = leadId, ContactId = (await sibling.Tenant.Client.GetJson($"/api/leads/{leadId}")).Str("externalContactId") };
    }

    /// <summary>Waits until the lead has no operation left to run (every one finished, failed or in conflict).</summary>
    public static Task<List<OutboundOperation>> SettledAsync(this HubApp app, int leadId, int seconds = 30) =>
        Poll.Eventually(async () =>
        {
            var operations = await app.OperationsForLeadAsync(leadId);
            // An operation behind a failed or conflict one of its lead waits for a person: settled too.
            var held = operations.FindIndex(o => o.Status is OutboundStatus.Failed or OutboundStatus.Conflict);
            return operations.Take(held < 0 ? operations.Count : held)
                .All(o => o.Status is OutboundStatus.Succeeded or OutboundStatus.Cancelled)
                ? operations
                : null;
        }, $"the operations of lead {leadId} to settle", seconds);

    /// <summary>Sends GoHighLevel's ContactUpdate for the contact as the fake holds it, and waits until it is processed.</summary>
    public static Task SendContactUpdateAsync(this HubApp app, FakeGoHighLevel ghl, SyncedLead lead, DateTimeOffset timestamp,
        JsonObject? body = null) =>
        app.SendWebhookAsync(body ?? ghl.ContactUpdateEvent(lead.ContactId, lead.LocationId, timestamp));

    /// <summary>Sends an unsigned GoHighLevel webhook (the integration allows them) and waits until it is processed or failed.</summary>
    public static async Task SendWebhookAsync(this HubApp app, JsonObject body)
    {
        var accepted = await (await app.Anonymous().SendAsync(WebhookSender.Unsigned(body.ToJsonString()))).Json(HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();
        await Poll.Eventually(async () =>
        {
            var details = await app.Admin().GetJson($"/api/admin/webhook-events/{eventId}");
            return details["event"]!.Str("status") is "processed" or "failed" ? details : null;
        }, $"webhook event {eventId} to be processed");
    }
}
