using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>
/// Every console page on a phone (375 px) and a laptop (1280 px), filled with the long names, URLs, errors and JSON
/// that real use brings: nothing may be wider than the screen (no sideways scrolling; wide tables and JSON scroll
/// inside their own box). A picture of each page at each width goes to TestResults/screenshots/layout.
/// </summary>
public sealed partial class AdminConsoleBrowserTests
{
    [TestCase(375)]
    [TestCase(1280)]
    public async Task Every_page_fits_the_screen_without_scrolling_sideways(int width)
    {
        var pages = await PagesWithContent();
        var page = await NewPage(width);
        await page.GotoAsync("/admin/signin");
        var tooWide = new List<string>(await Measure(page, width, "signin"));
        await SignIn(page, "not-an-admin-token");
        await Expect(page.GetByRole(AriaRole.Alert));
        tooWide.AddRange(await Measure(page, width, "signin-refused"));
        await SignIn(page, HubApp.AdminToken);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Exact = true }));

        foreach (var (name, path) in pages)
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            tooWide.AddRange(await Measure(page, width, name));
        }

        // What an action adds to a page: the webhook's URL and its secret shown once.
        await page.GotoAsync(pages["integration"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate webhook secret", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Webhook secret"));
        tooWide.AddRange(await Measure(page, width, "integration-webhook-setup"));

        tooWide.Should().BeEmpty($"every page fits {width} px; too wide:\n{string.Join("\n", tooWide)}\n");
    }

    /// <summary>The document's width at this viewport (and the widest elements when it is too wide); a picture of the page.</summary>
    private static async Task<IEnumerable<string>> Measure(IPage page, int width, string name)
    {
        await ConsoleBrowser.Screenshot(page, $"layout/{width}-{name}");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (scrollWidth <= width)
        {
            return [];
        }

        var culprits = await page.EvaluateAsync<string[]>("""
            (width) => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width)
                .slice(0, 5)
                .map(e => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`)
            """, width);
        return [$"{name} ({page.Url}) is {scrollWidth} px wide: {string.Join(", ", culprits)}"];
    }

    private Dictionary<string, string>? _pagesWithContent;

    /// <summary>The integration of <see cref="PagesWithContent"/>, refused by GoHighLevel until it raised a failing alert.</summary>
    private string _failingIntegrationName = "";

    /// <summary>
    /// One of everything, made through the API, with what stretches a layout: a long unbroken name, a GoHighLevel
    /// integration with a webhook event and a failing alert, a template with a long schema line.
    /// </summary>
    private async Task<Dictionary<string, string>> PagesWithContent()
    {
        if (_pagesWithContent is not null)
        {
            return _pagesWithContent;
        }

        using var admin = _app.Admin();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var tenant = await _app.CreateTenant("Northwind Traders International Holdings " + suffix);
        var templates = (await admin.GetJson("/api/integration-templates")).AsArray();
        var goHighLevel = templates.Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var location = FakeGoHighLevel.NewLocationId();
        _failingIntegrationName = "GoHighLevel for Northwind " + suffix;
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = goHighLevel, name = _failingIntegrationName,
            config = new { apiKey = "pit-refused-by-ghl-0123456789abcdef", locationId = location, baseUrl = _ghl.Url + "/a/long/path/that/does/not/break/anywhere" },
        })).Json(HttpStatusCode.Created);

        // Refused by GoHighLevel three times in a row: a failing alert with a long error.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var secret = (await (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null))
            .Json(HttpStatusCode.OK)).Str("secret");
        var body = $$"""{"type":"ContactCreate","locationId":"{{location}}","firstName":"{{new string('W', 300)}}","email":"a.very.long.address.{{suffix}}@example.com"}""";
        using var anonymous = _app.Anonymous();
        var accepted = await (await anonymous.SendAsync(WebhookSender.Hmac(body, secret))).Json(HttpStatusCode.Accepted);

        var template = await (await admin.PostJson("/api/admin/integration-templates", new
        {
            name = "wide_" + suffix,
            displayName = "A template with a very long schema",
            category = "Test",
            webhookUrl = "https://hooks.example.com/" + new string('x', 120),
            configSchema = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["endpoint"] = new JsonObject { ["type"] = "string", ["title"] = "Endpoint", ["description"] = "A description " + new string('d', 200) },
                },
            },
            setupInstructions = "# Steps\n\nOpen `https://example.com/" + new string('p', 150) + "` and paste the token.",
        })).Json(HttpStatusCode.Created);

        var (operation, _) = await LeadOperation(active: true, refused: true); // attempts, a GoHighLevel error and the request sent

        _pagesWithContent = new Dictionary<string, string>
        {
            ["overview"] = "/admin",
            ["sub-accounts"] = "/admin/sub-accounts",
            ["sub-account"] = $"/admin/sub-accounts/{tenant.SubAccountId}",
            ["templates"] = "/admin/templates",
            ["template"] = $"/admin/templates/{template.Id()}",
            ["template-gohighlevel"] = $"/admin/templates/{goHighLevel}",
            ["template-new"] = "/admin/templates/new",
            ["template-edit"] = $"/admin/templates/{template.Id()}/edit",
            ["integrations"] = "/admin/integrations",
            ["integration"] = $"/admin/integrations/{integration.Id()}",
            ["integration-new"] = "/admin/integrations/new",
            ["integration-edit"] = $"/admin/integrations/{integration.Id()}/edit",
            ["webhooks"] = "/admin/webhooks",
            ["webhook-event"] = $"/admin/webhooks/{accepted["eventId"]!.GetValue<int>()}",
            ["alerts"] = "/admin/alerts",
            ["outbound"] = "/admin/outbound",
            ["outbound-operation"] = $"/admin/outbound/{operation.Id}",
            ["admins"] = "/admin/admins",
        };
        return _pagesWithContent;
    }
}
