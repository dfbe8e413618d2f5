using System.Net;
using System.Text.Json.Nodes;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// The app trusting the keys of a <see cref="WebhookSender"/> standing in for GoHighLevel, and the steps the webhook tests
/// share: a tenant whose GoHighLevel integration has its webhook set up, a delivery sent, an event waited for in the inbox,
/// the leads it made.
/// </summary>
public abstract class WebhookFixture : HubFixture
{
    protected WebhookSender Sender { get; private set; } = null!;

    protected override void BeforeStart() => Sender = new WebhookSender();

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        ["IntegrationHub:Webhooks:GhlEd25519PublicKey"] = Sender.Ed25519PublicKeyPem,
        ["IntegrationHub:Webhooks:GhlRsaPublicKey"] = Sender.RsaPublicKeyPem,
    };

    protected override void AfterStop() => Sender?.Dispose();

    protected sealed record Hooked(Tenant Tenant, int IntegrationId, string LocationId, string Secret);

    protected async Task<Hooked> Hook(bool withUser = true, string? timezone = "America/New_York")
    {
        var location = "loc-" + Guid.NewGuid().ToString("N")[..10];
        Tenant tenant;
        if (withUser)
        {
            tenant = await App.CreateTenant("Hooked", timezone);
        }
        else
        {
            var subAccount = await (await Admin.PostJson("/api/admin/sub-accounts", new { name = "No users", timezone })).Json(HttpStatusCode.Created);
            tenant = new Tenant(subAccount.Id(), 0, 0, "", App.Anonymous());
        }

        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL",
            config = new { apiKey = "pit-x", locationId = location },
        })).Json(HttpStatusCode.Created);
        var setup = await (await Admin.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK);
        return new Hooked(tenant, integration.Id(), location, setup.Str("secret"));
    }

    protected async Task<JsonNode> Send(HttpRequestMessage request, HttpStatusCode expected) =>
        await (await App.Anonymous().SendAsync(request)).Json(expected);

    protected async Task<int> EventCount() => (await Admin.GetJson("/api/admin/webhook-events?limit=500")).AsArray().Count;

    protected async Task<JsonNode> EventInStatus(int eventId, params string[] statuses) =>
        await Poll.Eventually(async () =>
        {
            var details = await Admin.GetJson($"/api/admin/webhook-events/{eventId}");
            return statuses.Contains(details["event"]!.Str("status")) ? details : null;
        }, $"event {eventId} to be {string.Join("/", statuses)}");

    protected async Task<JsonArray> LeadsOf(Tenant tenant) =>
        (await Admin.GetJson($"/api/leads?subAccountId={tenant.SubAccountId}&pageSize=100"))["items"]!.AsArray();

    /// <summary>Sends <paramref name="body"/> for the hooked location, HMAC-signed, and waits for it to be processed.</summary>
    protected async Task<JsonNode> Deliver(Hooked hook, JsonObject body)
    {
        body["locationId"] = hook.LocationId;
        body["webhookId"] ??= Guid.NewGuid().ToString();
        var accepted = await Send(WebhookSender.Hmac(body.ToJsonString(), hook.Secret), HttpStatusCode.Accepted);
        return await EventInStatus(accepted["eventId"]!.GetValue<int>(), "processed");
    }
}
