using System.Globalization;
using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>
/// The overview at a glance in a real browser: after real deliveries (accepted and refused) and a failing connection
/// check, its SVG charts draw them and the failing integration is listed with its cause, on a desktop (charts side by
/// side) and on a phone (one under another, nothing wider than the screen). Samples every second here.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class OverviewBrowserTests
{
    private const string IntegrationName = "GoHighLevel refused for the overview";

    private HubApp _app = null!;
    private FakeGoHighLevel _ghl = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage? _page;

    [OneTimeSetUp]
    public async Task Start()
    {
        _ghl = new FakeGoHighLevel();
        _app = new HubApp(new Dictionary<string, string?>
        {
            ["IntegrationHub:Overview:SampleInterval"] = "00:00:01",
            ["IntegrationHub:GoHighLevel:MaxAttempts"] = "1",
            ["IntegrationHub:HealthChecks:AlertAfterFailures"] = "1",
            ["IntegrationHub:HealthChecks:Cron"] = "0 0 1 1 *",
        });
        (_playwright, _browser) = await ConsoleBrowser.LaunchAsync();
        await Deliveries();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _app.Dispose();
        _ghl.Dispose();
    }

    [TearDown]
    public async Task PictureOfAFailure()
    {
        if (_page is null)
        {
            return;
        }

        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            await ConsoleBrowser.Screenshot(_page, "failed-" + TestContext.CurrentContext.Test.Name);
        }

        await _page.Context.CloseAsync();
        _page = null;
    }

    /// <summary>Three accepted deliveries, two refused, and an integration GoHighLevel refuses; until a sample holds them.</summary>
    private async Task Deliveries()
    {
        using var admin = _app.Admin();
        var tenant = await _app.CreateTenant("Overview browser");
        var templates = (await admin.GetJson("/api/integration-templates")).AsArray();
        var location = FakeGoHighLevel.NewLocationId();
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templates.Single(t => t!.Str("name") == "gohighlevel")!.Id(),
            name = IntegrationName, config = new { apiKey = "pit-refused-by-ghl-overview", locationId = location, baseUrl = _ghl.Url },
        })).Json(HttpStatusCode.Created);
        var secret = (await (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK))
            .Str("secret");
        using var sender = _app.Anonymous();
        for (var i = 1; i <= 3; i++)
        {
            await (await sender.SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(location, $"c-glance-{i}"), secret))).Json(HttpStatusCode.Accepted);
        }

        for (var i = 1; i <= 2; i++)
        {
            (await sender.SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(location, $"c-forged-{i}"), "whsec_forged")))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Poll.Eventually(async () =>
        {
            var overview = await admin.GetJson("/api/admin/overview");
            var samples = overview["recent"]!["samples"]!.AsArray();
            long Sum(string field) => samples.Sum(s => s![field]!.GetValue<long>());
            return Sum("webhooksAccepted") >= 3 && Sum("webhooksRefused") >= 2 && samples.Any(s => s!["lagAverageSeconds"] is not null)
                && overview["leadsPerDay"]!.AsArray()[^1]!["count"]!.GetValue<int>() >= 3 ? "sampled" : null;
        }, "the deliveries, their processing and their leads in the overview");
    }

    private async Task<IPage> SignedInOverview(int width)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.Anonymous().BaseAddress!.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
        });
        context.SetDefaultTimeout(20_000);
        _page = await context.NewPageAsync();
        await _page.GotoAsync("/admin");
        await _page.GetByLabel("Admin token").FillAsync(HubApp.AdminToken);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Exact = true })).ToBeVisibleAsync();
        return _page;
    }

    private static async Task<double> SumOfValues(ILocator columns)
    {
        var values = await columns.EvaluateAllAsync<string[]>("rects => rects.map(r => r.getAttribute('data-value'))");
        return values.Sum(v => double.Parse(v, CultureInfo.InvariantCulture));
    }

    [TestCase(1280)]
    [TestCase(375)]
    public async Task The_charts_draw_this_instances_deliveries_and_the_failing_integration_is_listed(int width)
    {
        var page = await SignedInOverview(width);

        var webhooks = page.GetByTestId("chart-webhooks");
        await Assertions.Expect(webhooks.Locator("svg[role=img]")).ToBeVisibleAsync();
        (await SumOfValues(webhooks.Locator("rect[data-series=accepted]"))).Should().BeGreaterThanOrEqualTo(3);
        (await SumOfValues(webhooks.Locator("rect[data-series=refused]"))).Should().BeGreaterThanOrEqualTo(2);
        (await webhooks.Locator("svg title").First.TextContentAsync()).Should().Be("Webhooks per second", "the title names the interval: a second in this test, a minute by default");
        (await webhooks.Locator(".chart-summary").TextContentAsync()).Should().MatchRegex(@"\d+ accepted, \d+ duplicates, \d+ refused\.");
        (await webhooks.Locator(".chart-axis-title").AllTextContentsAsync()).Should().Equal("time (UTC)", "deliveries");
        (await page.GetByTestId("chart-lag").Locator("rect").CountAsync()).Should().BeGreaterThan(0, "the processed events' lag is drawn");
        (await SumOfValues(page.GetByTestId("chart-leads").Locator("rect"))).Should().BeGreaterThanOrEqualTo(3, "today's leads");
        foreach (var chart in new[] { "chart-backlog", "chart-outbound" })
        {
            await Assertions.Expect(page.GetByTestId(chart)).ToBeVisibleAsync(); // drawn, or saying there was nothing
        }

        await Assertions.Expect(page.GetByTestId("overview-source")).ToContainTextAsync("this instance's own activity since it started");
        var failing = page.GetByTestId("failing-integrations").Locator("li", new() { HasText = IntegrationName });
        await Assertions.Expect(failing).ToBeVisibleAsync();
        (await failing.Locator(".cause").TextContentAsync()).Should().NotBeNullOrWhiteSpace("its cause is shown");
        await Assertions.Expect(page.GetByTestId("latest-alerts").Locator("li", new() { HasText = IntegrationName })).ToBeVisibleAsync();
        await ConsoleBrowser.Screenshot(page, $"overview-{width}");

        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, "no sideways scrolling");
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var figure in await page.Locator("section.charts figure.chart").AllAsync())
        {
            boxes.Add((await figure.BoundingBoxAsync())!);
        }

        boxes.Should().HaveCount(5);
        if (width < 600)
        {
            boxes.Should().OnlyContain(b => Math.Abs(b.X - boxes[0].X) < 1 && Math.Abs(b.Width - boxes[0].Width) < 1, "on a phone the charts stack, full width");
            boxes.Select(b => b.Y).Should().BeInAscendingOrder();
        }
        else
        {
            boxes.Select(b => Math.Round(b.Y)).Distinct().Count().Should().BeLessThan(boxes.Count, "on a desktop charts share a row");
        }
    }
}
