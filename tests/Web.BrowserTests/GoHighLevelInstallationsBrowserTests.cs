using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>
/// The GoHighLevel installations page in a real browser: an agency install (made the real way: the connect route, the
/// fake's authorize page, the callback) with one location free to link and one already connected directly by another
/// integration. On a desktop its locations are a table (headers on one row, the rows below them), on a phone cards
/// (nothing wider than the screen); the held location names its integration instead of offering a Link.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GoHighLevelInstallationsBrowserTests
{
    private HubApp _app = null!;
    private FakeGoHighLevel _ghl = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage? _page;
    private string _companyId = null!;
    private string _heldLocation = null!;
    private int _heldBy;

    [OneTimeSetUp]
    public async Task Start()
    {
        _ghl = new FakeGoHighLevel();
        _app = new HubApp(GoHighLevelAppFixture.AppSettings(_ghl));
        var tenant = await _app.CreateTenant("Installations in browser");
        _companyId = "co-" + Guid.NewGuid().ToString("N")[..10];
        var free = FakeGoHighLevel.NewLocationId();
        _heldLocation = FakeGoHighLevel.NewLocationId();
        _ghl.LocationNames[free] = "Free Clinic";
        _ghl.LocationNames[_heldLocation] = "Held Clinic";

        _heldBy = int.Parse((await Connect(tenant, OAuthInstall.ForLocation(_heldLocation))).Split('?')[0].Split('/')[^1],
            System.Globalization.CultureInfo.InvariantCulture);
        (await Connect(tenant, OAuthInstall.ForAgency(_companyId, [free, _heldLocation], true))).Should().StartWith("/admin/gohighlevel/installations");
        (_playwright, _browser) = await ConsoleBrowser.LaunchAsync();
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

    [TestCase(1280)]
    [TestCase(375)]
    public async Task The_locations_are_a_table_on_a_desktop_and_cards_on_a_phone(int width)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.Anonymous().BaseAddress!.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
        });
        context.SetDefaultTimeout(20_000);
        _page = await context.NewPageAsync();
        // Where the OAuth callback sends the browser after an agency install (signing in on the way keeps the notice).
        await _page.GotoAsync("/admin/gohighlevel/installations?done=gohighlevel-installed");
        await _page.GetByLabel("Admin token").FillAsync(HubApp.AdminToken);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(_page.GetByText("GoHighLevel agency install stored")).ToBeVisibleAsync();
        var table = _page.Locator($"section[data-company='{_companyId}'] [data-testid='installation-locations']");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(table).ToContainTextAsync("Free Clinic");

        var held = table.Locator($"tr[data-location='{_heldLocation}']");
        await Assertions.Expect(held).ToContainTextAsync($"Connected by integration {_heldBy}");
        await Assertions.Expect(held.GetByRole(AriaRole.Link, new() { Name = $"integration {_heldBy}", Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(held.GetByRole(AriaRole.Button, new() { Name = "Link", Exact = true })).ToHaveCountAsync(0);

        (await _page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, "no sideways scrolling");
        var layout = await table.EvaluateAsync<double[]>("""
            t => {
              const head = t.tHead.getBoundingClientRect(), row = t.tBodies[0].rows[0].getBoundingClientRect(), box = t.getBoundingClientRect();
              const tops = [...t.tHead.rows[0].cells].map(c => Math.round(c.getBoundingClientRect().top));
              return [head.width, box.width, row.top, head.bottom, new Set(tops).size];
            }
            """);
        var display = await table.Locator("tbody td").First.EvaluateAsync<string>("td => getComputedStyle(td).display");
        display.Should().Be(width < 640 ? "block" : "table-cell", "a row is a card on a phone and a table row on a desktop");
        if (width >= 640)
        {
            layout[0].Should().BeApproximately(layout[1], 1, "the header spans the table, not a narrow box beside the rows");
            layout[2].Should().BeGreaterThanOrEqualTo(layout[3] - 1, "the rows sit below the header");
            layout[4].Should().Be(1, "the header cells are on one row");
        }

        await ConsoleBrowser.Screenshot(_page, $"gohighlevel-installations-{width}");
    }

    /// <summary>"Connect with GoHighLevel" through the API and the fake's authorize page; where the callback sends the browser.</summary>
    private async Task<string> Connect(Tenant tenant, OAuthInstall install)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Anonymous().BaseAddress };
        using var start = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/sub-accounts/{tenant.SubAccountId}/gohighlevel/connect");
        start.Headers.Authorization = new("Bearer", HubApp.AdminToken);
        var authorize = await browser.SendAsync(start);
        authorize.StatusCode.Should().Be(HttpStatusCode.Redirect);
        _ghl.NextInstall = install;
        var landed = await browser.GetAsync(_ghl.Authorize(authorize.Headers.Location!).PathAndQuery);
        landed.StatusCode.Should().Be(HttpStatusCode.Redirect, await landed.Content.ReadAsStringAsync());
        return landed.Headers.Location!.OriginalString;
    }
}
