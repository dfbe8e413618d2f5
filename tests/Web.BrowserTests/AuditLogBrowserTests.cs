using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>
/// The audit log page in a real browser: the admin's own changes and sign-in are there, filtered by entity; on a phone
/// each row is a card (nothing wider than the screen), on a desktop a table.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AuditLogBrowserTests
{
    private HubApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage? _page;
    private int _subAccountId;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = new HubApp();
        (_playwright, _browser) = await ConsoleBrowser.LaunchAsync();
        _subAccountId = (await (await _app.Admin().PostJson("/api/admin/sub-accounts", new { name = "Audited in the browser", timezone = "Europe/Oslo" }))
            .Json(HttpStatusCode.Created)).Id();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _app.Dispose();
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

    [TestCase(1280)]
    [TestCase(375)]
    public async Task The_log_shows_who_changed_what_filtered_by_entity_and_fits_a_phone(int width)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.Anonymous().BaseAddress!.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
        });
        context.SetDefaultTimeout(20_000);
        _page = await context.NewPageAsync();
        await _page.GotoAsync("/admin/audit");
        await _page.GetByLabel("Admin token").FillAsync(HubApp.AdminToken);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(_page.GetByTestId("audit-rows")).ToContainTextAsync("SignIn");

        await _page.GetByLabel("Entity type").FillAsync("SubAccount");
        await _page.GetByLabel("Entity id").FillAsync(_subAccountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        var rows = _page.GetByTestId("audit-rows").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("CreateSubAccount");
        await Assertions.Expect(rows.First).ToContainTextAsync("name, timezone");
        await Assertions.Expect(rows.First).Not.ToContainTextAsync("Audited in the browser");

        (await _page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, "no sideways scrolling");
        var display = await rows.First.Locator("td").First.EvaluateAsync<string>("td => getComputedStyle(td).display");
        display.Should().Be(width < 640 ? "block" : "table-cell", "a row is a card on a phone and a table row on a desktop");
        await ConsoleBrowser.Screenshot(_page, $"audit-{width}");
    }
}
