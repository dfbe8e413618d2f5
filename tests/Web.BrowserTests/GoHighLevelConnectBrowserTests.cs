using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Playwright;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>
/// "Connect with GoHighLevel" in a real browser: the sub-account page's button, the fake's authorize page (it picks the
/// location and redirects back at once), the callback, and the integration's page showing it connected and active; on a
/// desktop and on a phone.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GoHighLevelConnectBrowserTests
{
    private HubApp _app = null!;
    private FakeGoHighLevel _ghl = null!;
    private WireMockServer _chooser = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage? _page;
    private string _baseUrl = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _ghl = new FakeGoHighLevel();
        // GoHighLevel's real authorize page is a page on its own site where the user picks the location and proceeds: the
        // way back starts there, cross-site, and the hub's SameSite=Strict cookie does not come along by itself. The fake's
        // own page redirects at once (as if the hub's page had navigated), so a page of this kind stands in front of it.
        _chooser = WireMockServer.Start();
        _chooser.Given(Request.Create().WithPath("/oauth/chooselocation").UsingGet()).RespondWith(Response.Create().WithCallback(request =>
        {
            var back = _ghl.Authorize(new Uri(_ghl.Url + "/oauth/chooselocation" + (request.RawQuery is { Length: > 0 } q ? "?" + q.TrimStart('?') : "")));
            var answer = new ResponseMessage { StatusCode = 200, BodyData = new BodyData
            {
                DetectedBodyType = BodyType.String,
                BodyAsString = $"<!DOCTYPE html><html><body><h1>Choose a location</h1><a href=\"{WebUtility.HtmlEncode(back.ToString())}\">Proceed</a></body></html>",
            } };
            answer.AddHeader("Content-Type", "text/html; charset=utf-8");
            return answer;
        }));
        var settings = GoHighLevelAppFixture.AppSettings(_ghl);
        settings["IntegrationHub:GoHighLevel:OAuth:AuthorizeUrl"] = _chooser.Url + "/oauth/chooselocation";
        _app = new HubApp(settings);
        _baseUrl = _app.Anonymous().BaseAddress!.ToString().TrimEnd('/');
        (_playwright, _browser) = await ConsoleBrowser.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _app.Dispose();
        _ghl.Dispose();
        _chooser.Stop();
    }

    [TearDown]
    public async Task PictureOfAFailure()
    {
        if (_page is not null && TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            await ConsoleBrowser.Screenshot(_page, "failed-" + TestContext.CurrentContext.Test.Name);
        }

        if (_page is not null)
        {
            await _page.Context.CloseAsync();
            _page = null;
        }
    }

    [TestCase(1366)]
    [TestCase(375)]
    public async Task An_admin_connects_a_sub_account_with_GoHighLevel_and_lands_on_the_active_integration(int width)
    {
        var tenant = await _app.CreateTenant("Connect in browser " + width);
        var location = FakeGoHighLevel.NewLocationId();
        _ghl.NextInstall = OAuthInstall.ForLocation(location);
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        _page = await context.NewPageAsync();
        var page = _page;


        await page.GotoAsync($"/admin/sub-accounts/{tenant.SubAccountId}");
        await page.GetByLabel("Admin token").FillAsync(HubApp.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        var connect = page.GetByRole(AriaRole.Button, new() { Name = "Connect with GoHighLevel", Exact = true });
        await Assertions.Expect(connect).ToBeEnabledAsync();
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"))
            .Should().BeTrue("nothing on the sub-account page is wider than the screen");
        await ConsoleBrowser.Screenshot(page, $"gohighlevel-connect-{width}");

        await connect.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Proceed", Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/admin/integrations/*?done=gohighlevel-connected");
        await Assertions.Expect(page.GetByText("Connected with GoHighLevel", new() { Exact = false }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "GoHighLevel " + location, Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("dl.facts").GetByText("active", new() { Exact = true })).ToBeVisibleAsync();
        (await page.ContentAsync()).Should().NotContain("access-").And.NotContain("refresh-").And.NotContain(FakeGoHighLevel.AppClientSecret);
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"))
            .Should().BeTrue("nothing on the integration page is wider than the screen");
        await ConsoleBrowser.Screenshot(page, $"gohighlevel-connected-{width}");
    }
}
