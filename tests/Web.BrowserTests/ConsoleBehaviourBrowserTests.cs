using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>
/// How the console behaves while things happen: buttons that say what they are doing and cannot be pressed twice,
/// banners that follow the live state, pages whose subject was deleted elsewhere, and forms that list every error.
/// A real browser against the real app and a local fake GoHighLevel.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ConsoleBehaviourBrowserTests
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 20_000 };

    private HubApp _app = null!;
    private FakeGoHighLevel _ghl = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage? _page;
    private int _ghlTemplateId;

    [OneTimeSetUp]
    public async Task Start()
    {
        _ghl = new FakeGoHighLevel();
        _app = new HubApp(new Dictionary<string, string?>
        {
            ["IntegrationHub:GoHighLevel:BaseDelay"] = "00:00:00.020",
            ["IntegrationHub:GoHighLevel:MaxDelay"] = "00:00:01",
            ["IntegrationHub:GoHighLevel:AttemptTimeout"] = "00:00:10",
        });
        (_playwright, _browser) = await ConsoleBrowser.LaunchAsync();
        var templates = (await _app.Anonymous().GetJson("/api/integration-templates")).AsArray();
        _ghlTemplateId = templates.Single(t => t!.Str("name") == "gohighlevel")!.Id();
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
        _ghl.ClearFaults();
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

    /// <summary>A signed-in page at <paramref name="path"/>.</summary>
    private async Task<IPage> SignedIn(string path)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.Anonymous().BaseAddress!.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        context.SetDefaultTimeout(20_000);
        _page = await context.NewPageAsync();
        await _page.GotoAsync(path);
        await _page.GetByLabel("Admin token").FillAsync(HubApp.AdminToken);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await _page.WaitForURLAsync("**" + path);
        await _page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return _page;
    }

    private async Task<(int Id, string Location)> CreateIntegration(string name)
    {
        var tenant = await _app.CreateTenant(name);
        var location = FakeGoHighLevel.NewLocationId();
        var created = await (await _app.Admin().PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId,
            integrationTemplateId = _ghlTemplateId,
            name,
            config = new { apiKey = FakeGoHighLevel.ValidToken, locationId = location, baseUrl = _ghl.Url },
        })).Json(HttpStatusCode.Created);
        return (created.Id(), location);
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Test]
    public async Task Sync_is_off_with_its_reason_until_the_integration_is_active()
    {
        var (id, _) = await CreateIntegration("Pending sync");
        var page = await SignedIn($"/admin/integrations/{id}");

        var sync = Button(page, "Sync contacts now");
        await Assertions.Expect(sync).ToBeDisabledAsync();
        (await sync.GetAttributeAsync("aria-describedby")).Should().Be("sync-blocked");
        await Assertions.Expect(page.Locator("#sync-blocked")).ToContainTextAsync("test the connection first");

        await Button(page, "Disconnect").ClickAsync();
        await Assertions.Expect(page.Locator("#sync-blocked")).ToContainTextAsync("disconnected: reconnect it first");
        await Assertions.Expect(sync).ToBeDisabledAsync();

        await Button(page, "Reconnect (tests the connection)").ClickAsync();
        await Assertions.Expect(page.Locator("h1 .badge")).ToHaveTextAsync("active");
        await Assertions.Expect(sync).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("#sync-blocked")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task The_connection_test_says_testing_while_it_runs_and_a_double_click_tests_once()
    {
        var (id, location) = await CreateIntegration("Slow test");
        var page = await SignedIn($"/admin/integrations/{id}");
        _ghl.Fail(FaultKind.Slow, 1, "/locations/", TimeSpan.FromMilliseconds(1500));

        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection", Exact = true }).DblClickAsync();
        var testing = page.GetByRole(AriaRole.Button, new() { Name = "Testing…", Exact = true });
        await Assertions.Expect(testing).ToBeVisibleAsync();
        await Assertions.Expect(testing).ToBeDisabledAsync();
        (await testing.GetAttributeAsync("aria-busy")).Should().Be("true");

        await Assertions.Expect(page.GetByRole(AriaRole.Status).GetByText("Connected", new() { Exact = false })).ToBeVisibleAsync(Patiently);
        await Assertions.Expect(Button(page, "Test connection")).ToBeEnabledAsync();
        _ghl.RequestsTo("/locations/" + location).Should().HaveCount(1, "the second click arrived while the first test ran");
    }

    [Test]
    public async Task A_sync_run_banner_follows_the_run_and_a_later_failure_clears_the_stale_connected_notice()
    {
        var (id, _) = await CreateIntegration("Live banner");
        var page = await SignedIn($"/admin/integrations/{id}");
        await Button(page, "Test connection").ClickAsync();
        var connected = page.GetByRole(AriaRole.Status).GetByText("Connected", new() { Exact = false });
        await Assertions.Expect(connected).ToBeVisibleAsync(Patiently);

        // A slow first page: the button says so, and the banner moves from queued to finished on its own.
        _ghl.Fail(FaultKind.Slow, 1, "/contacts", TimeSpan.FromMilliseconds(2500));
        await Button(page, "Sync contacts now").ClickAsync();
        var syncing = Button(page, "Syncing…");
        await Assertions.Expect(syncing).ToBeVisibleAsync();
        await Assertions.Expect(syncing).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByText(new Regex(@"Sync run \d+ finished: 0 created"))).ToBeVisibleAsync(Patiently);
        await Assertions.Expect(Button(page, "Sync contacts now")).ToBeEnabledAsync();

        // GoHighLevel now refuses the token: the banner says the run failed, without a click on Refresh, and the
        // "Connected" notice from before goes (the integration is in error now).
        _ghl.Fail(FaultKind.Unauthorized, 10, "/contacts");
        await Button(page, "Sync contacts now").ClickAsync();
        var failed = page.GetByRole(AriaRole.Alert).GetByText(new Regex(@"Sync run \d+ failed: "));
        await Assertions.Expect(failed).ToBeVisibleAsync(Patiently);
        await Assertions.Expect(page.GetByText(new Regex(@"Sync run \d+ queued\."))).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("h1 .badge")).ToHaveTextAsync("error");
        await Assertions.Expect(connected).ToHaveCountAsync(0);
        await Assertions.Expect(Button(page, "Sync contacts now")).ToBeDisabledAsync();
        await ConsoleBrowser.Screenshot(page, "integration-sync-failed");
    }

    [Test]
    public async Task A_page_whose_integration_was_deleted_elsewhere_goes_back_to_the_list_which_says_so()
    {
        var (id, _) = await CreateIntegration("Deleted elsewhere " + Guid.NewGuid().ToString("N")[..6]);
        var page = await SignedIn($"/admin/integrations/{id}");
        await Assertions.Expect(Button(page, "Test connection")).ToBeEnabledAsync();

        (await _app.Admin().DeleteAsync($"/api/admin/integrations/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Button(page, "Test connection").ClickAsync();

        await page.WaitForURLAsync($"**/admin/integrations?gone={id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).GetByText($"Integration {id} no longer exists", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"a[href='/admin/integrations/{id}']")).ToHaveCountAsync(0);

        // Opened from a stale list or a bookmark: the same.
        await page.GotoAsync($"/admin/integrations/{id}");
        await page.WaitForURLAsync($"**/admin/integrations?gone={id}");
    }

    [Test]
    public async Task A_refused_form_lists_every_error_naming_each_field_by_its_label()
    {
        var page = await SignedIn("/admin/integrations/new");
        await Assertions.Expect(page.GetByLabel("API Key")).ToBeEnabledAsync();
        await page.GetByLabel("Contact sync interval (minutes)").FillAsync("20000");
        await Button(page, "Create integration").ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Some fields need attention" });
        await Assertions.Expect(summary).ToBeVisibleAsync();
        var items = await summary.Locator("li").AllTextContentsAsync();
        items.Should().Contain(["Sub-account is required.", "Name is required.", "API Key is required.", "Location ID is required."]);
        items.Should().Contain(i => i.StartsWith("Contact sync interval (minutes): ", StringComparison.Ordinal) && i.Contains("10080"));
        items.Should().HaveCount(5, string.Join(" | ", items));
    }

    [Test]
    public async Task Schema_json_that_does_not_parse_is_explained_with_its_line_and_column()
    {
        var page = await SignedIn("/admin/templates/new");
        var schema = page.GetByLabel("Configuration schema", new() { Exact = false });
        await Assertions.Expect(schema).ToBeEnabledAsync();
        await schema.FillAsync("{\n  \"type\": \"object\",\n}");

        var error = page.Locator("#t-schema-error");
        await Assertions.Expect(error).ToHaveTextAsync("Not valid JSON: a comma before a closing } or ] (remove it) (line 3, column 1).");
    }
}
