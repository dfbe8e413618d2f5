using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>Leads written by GoHighLevel's webhooks are found by their current values: the search index follows updates.</summary>
[TestFixture]
public sealed class SearchLeadsSyncTests
{
    private HubApp _app = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _app = new HubApp();
        _admin = _app.Admin();
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    [Test]
    public async Task A_lead_updated_by_a_webhook_is_found_by_its_new_values_only()
    {
        var tenant = await _app.CreateTenant("Hooked");
        var location = "loc-" + Guid.NewGuid().ToString("N")[..10];
        var templateId = (await _app.Anonymous().GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await _admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templateId, name = "GHL",
            config = new { apiKey = "pit-x", locationId = location },
        })).Json(HttpStatusCode.Created);
        var secret = (await (await _admin.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK))
            .Str("secret");

        async Task Deliver(string json)
        {
            var body = JsonNode.Parse(json)!.AsObject();
            body["locationId"] = location;
            body["webhookId"] = Guid.NewGuid().ToString();
            var accepted = await (await _app.Anonymous().SendAsync(WebhookSender.Hmac(body.ToJsonString(), secret))).Json(HttpStatusCode.Accepted);
            await Poll.Eventually(async () =>
            {
                var details = await _admin.GetJson($"/api/admin/webhook-events/{accepted["eventId"]!.GetValue<int>()}");
                return details["event"]!.Str("status") == "processed" ? details : null;
            }, "the event to be processed");
        }

        async Task<string[]> Found(string query) =>
            [.. (await tenant.Client.GetJson("/api/leads?" + query))["items"]!.AsArray().Select(l => l!.Str("email"))];

        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);
        await Deliver($$"""
            {"type":"ContactCreate","id":"c-sync","firstName":"Hedy","lastName":"Kiesler","email":"hedy@old.test","phone":"+12125550001",
             "tags":["Actress"],"dateUpdated":"{{t0:O}}"}
            """);
        (await Found("search=kiesler")).Should().Equal("hedy@old.test");
        (await Found("search=212555")).Should().Equal("hedy@old.test");
        (await Found("tag=actress")).Should().Equal("hedy@old.test");

        await Deliver($$"""
            {"type":"ContactUpdate","id":"c-sync","firstName":"Hedy","lastName":"Lamarr","email":"hedy@new.test","phone":"+13105550002",
             "tags":["inventor"],"dateUpdated":"{{t0.AddMinutes(1):O}}"}
            """);
        (await Found("search=lamarr")).Should().Equal("hedy@new.test");
        (await Found("search=new.test")).Should().Equal("hedy@new.test");
        (await Found("search=310-555")).Should().Equal("hedy@new.test");
        (await Found("tag=INVENTOR")).Should().Equal("hedy@new.test");
        (await Found("search=kiesler")).Should().BeEmpty();
        (await Found("search=old.test")).Should().BeEmpty();
        (await Found("search=212555")).Should().BeEmpty();
        (await Found("tag=actress")).Should().BeEmpty();
    }
}
