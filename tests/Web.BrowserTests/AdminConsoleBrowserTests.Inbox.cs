using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>The webhook inbox's bulk replay on a phone: a count, a confirmation in the page, then the result.</summary>
public sealed partial class AdminConsoleBrowserTests
{
    [Test]
    public async Task The_inbox_replays_what_its_filter_shows_only_after_a_count_and_a_confirmation_on_a_phone()
    {
        using var admin = _app.Admin();
        var tenant = await _app.CreateTenant("Inbox " + Guid.NewGuid().ToString("N")[..6]);
        var templates = (await admin.GetJson("/api/integration-templates")).AsArray();
        var location = FakeGoHighLevel.NewLocationId();
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templates.Single(t => t!.Str("name") == "gohighlevel")!.Id(), name = "Inbox GHL",
            config = new { apiKey = "pit-inbox-0123456789abcdef", locationId = location, baseUrl = _ghl.Url, syncIntervalMinutes = 0 },
        })).Json(HttpStatusCode.Created);
        var secret = (await (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK))
            .Str("secret");
        using var anonymous = _app.Anonymous();
        var eventId = (await (await anonymous.SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(location, "c-inbox"), secret)))
            .Json(HttpStatusCode.Accepted))["eventId"]!.GetValue<int>();
        await Poll(async () => await Attempts(admin, eventId) == 1);

        var page = await NewPage(375);
        await page.GotoAsync("/admin/signin");
        await SignIn(page, HubApp.AdminToken);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Exact = true }));
        await page.GotoAsync($"/admin/webhooks?status=processed&locationId={location}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay matching…", Exact = true }).ClickAsync();

        var confirm = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Confirm replay" });
        await Assertions.Expect(confirm).ToContainTextAsync($"Process 1 event matching status processed, location {location} again?");
        (await Measure(page, 375, "webhooks-replay-confirm")).Should().BeEmpty("the confirmation fits a phone");
        (await Attempts(admin, eventId)).Should().Be(1, "nothing is sent before the confirmation");

        await confirm.GetByRole(AriaRole.Button, new() { Name = "Yes, replay 1 event", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("replay-result")).ToHaveTextAsync("1 event queued for processing again.");
        await Poll(async () => await Attempts(admin, eventId) == 2); // processed again
    }

    private static async Task<int> Attempts(HttpClient admin, int eventId) =>
        (await admin.GetJson($"/api/admin/webhook-events/{eventId}"))["event"]!["attemptCount"]!.GetValue<int>();
}
