using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Web.AdminConsole;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel.OAuth;

/// <summary>
/// The callback's two faces: a connect started from the console is bound to that browser by a cookie (a copied state
/// URL is useless elsewhere); and a browser meets a console page with a fixed code where an API client gets problem details.
/// </summary>
[TestFixture]
public sealed class ConnectGoHighLevelCallbackTests : ConnectGoHighLevelFixture
{
    private const string Html = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /// <summary>The admin's browser (its own cookie jar) presses the console's button; GoHighLevel's page answers.</summary>
    private async Task<(HttpClient Browser, Uri Callback, string CookieName)> ConsoleStart(int subAccountId, OAuthInstall install)
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            { BaseAddress = App.Anonymous().BaseAddress };
        using var start = new HttpRequestMessage(HttpMethod.Get, $"/admin/sub-accounts/{subAccountId}/gohighlevel/connect");
        start.Headers.Authorization = new("Bearer", HubApp.AdminToken);
        var redirect = await browser.SendAsync(start);
        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var setCookie = redirect.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("IntegrationHub.GhlConnect.", StringComparison.Ordinal));
        setCookie.Should().Contain("httponly").And.Contain("samesite=lax").And.Contain("max-age=600");
        Ghl.NextInstall = install;
        return (browser, Ghl.Authorize(redirect.Headers.Location!), setCookie[..setCookie.IndexOf('=')]);
    }

    [Test]
    public async Task A_console_started_state_without_its_cookie_is_400_and_nothing_is_exchanged_or_stored()
    {
        var tenant = await App.CreateTenant("Bound no cookie");
        var (_, callback, _) = await ConsoleStart(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));
        var state = HttpUtility.ParseQueryString(callback.Query)["state"]!;
        var stored = await Db(db => db.GhlConnectStates.AsNoTracking().SingleAsync(s => s.SubAccountId == tenant.SubAccountId));
        stored.StateHash.Should().NotBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state))), "bound to the browser's nonce");
        var exchanges = CodeExchanges;

        await ExpectStateRefused(await Callback(callback));

        CodeExchanges.Should().Be(exchanges);
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(0);
        (await Db(db => db.GhlConnectStates.AsNoTracking().SingleAsync(s => s.SubAccountId == tenant.SubAccountId))).UsedAt.Should().BeNull();
    }

    [Test]
    public async Task A_console_started_state_with_another_browser_s_cookie_value_is_400()
    {
        var tenant = await App.CreateTenant("Bound wrong cookie");
        var (_, callback, cookieName) = await ConsoleStart(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));
        var attacker = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = App.Anonymous().BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, callback.PathAndQuery);
        request.Headers.Add("Cookie", $"{cookieName}=guessed-{Guid.NewGuid():N}");

        await ExpectStateRefused(await attacker.SendAsync(request));

        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(0);
    }

    [Test]
    public async Task A_console_started_state_with_its_cookie_connects_and_the_cookie_is_cleared()
    {
        var tenant = await App.CreateTenant("Bound with cookie");
        var (browser, callback, cookieName) = await ConsoleStart(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));

        var landed = await Callback(callback, Html, browser);

        landed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        landed.Headers.Location!.ToString().Should().EndWith("?done=gohighlevel-connected");
        landed.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(cookieName + "=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970"));
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(1);
    }

    [Test]
    public async Task An_API_started_state_needs_no_cookie()
    {
        var tenant = await App.CreateTenant("Unbound");
        var callback = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));

        (await Callback(callback)).Headers.Location!.ToString().Should().EndWith("?done=gohighlevel-connected");
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(1);
    }

    [Test]
    public async Task A_reused_or_expired_state_sends_a_browser_to_a_console_notice_and_an_API_client_gets_400()
    {
        var tenant = await App.CreateTenant("Html reused");
        var (browser, bound, _) = await ConsoleStart(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));
        (await Callback(bound, Html, browser)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // A reload or Back on the callback: its cookie is gone with the first use, so the hub cannot tell whose it was.
        var reloaded = await Callback(bound, Html, browser);
        reloaded.StatusCode.Should().Be(HttpStatusCode.Redirect);
        reloaded.Headers.Location!.ToString().Should().Be("/admin/sub-accounts?gohighlevel=state-invalid");
        await ExpectStateRefused(await Callback(bound, "application/json"));

        // An unbound (API-started) state names its sub-account even when spent or expired.
        var reused = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));
        (await Callback(reused, Html)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Callback(reused, Html)).Headers.Location!.ToString().Should().Be($"/admin/sub-accounts/{tenant.SubAccountId}?gohighlevel=state-invalid");
        var expired = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));
        await Db(db => db.GhlConnectStates.Where(s => s.SubAccountId == tenant.SubAccountId && s.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));
        (await Callback(expired, Html)).Headers.Location!.ToString().Should().Be($"/admin/sub-accounts/{tenant.SubAccountId}?gohighlevel=state-invalid");
        await ExpectStateRefused(await Callback(expired, "application/json"));
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(2);
    }

    [Test]
    public async Task A_forged_state_or_a_malformed_callback_sends_a_browser_to_the_sub_accounts_list()
    {
        var tenant = await App.CreateTenant("Html forged");
        var callback = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));

        var forged = await Callback(WithQuery(callback, "state", "forged-" + Guid.NewGuid().ToString("N")), Html);
        var noCode = await Callback(WithQuery(callback, "code", null), Html);

        forged.Headers.Location!.ToString().Should().Be("/admin/sub-accounts?gohighlevel=state-invalid");
        noCode.Headers.Location!.ToString().Should().Be("/admin/sub-accounts?gohighlevel=state-invalid");
        (await Callback(WithQuery(callback, "code", null), "application/json")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(0);
    }

    [Test]
    public async Task A_location_another_sub_account_holds_sends_a_browser_to_the_sub_account_and_an_API_client_gets_409()
    {
        var holder = await App.CreateTenant("Html holder");
        var taker = await App.CreateTenant("Html taker");
        var locationId = FakeGoHighLevel.NewLocationId();
        await ConnectGoHighLevel(holder, locationId: locationId);

        var browser = await Callback(await StartAndAuthorize(taker.SubAccountId, OAuthInstall.ForLocation(locationId)), Html);
        var api = await Callback(await StartAndAuthorize(taker.SubAccountId, OAuthInstall.ForLocation(locationId)), "application/json");

        browser.Headers.Location!.ToString().Should().Be($"/admin/sub-accounts/{taker.SubAccountId}?gohighlevel=location-taken");
        (await browser.Content.ReadAsStringAsync()).Should().NotContain(locationId);
        (await api.ProblemAsync(HttpStatusCode.Conflict)).Str("detail").Should().Contain(locationId).And.Contain("another sub-account");
        (await IntegrationsOf(taker.SubAccountId)).Should().Be(0);
    }

    [Test]
    public void Every_code_a_connect_can_land_with_is_fixed_and_the_console_says_what_to_do()
    {
        foreach (var result in Enum.GetValues<GhlConnectResult>())
        {
            foreach (var subAccountId in new int?[] { 7, null })
            {
                var landing = GhlConnectNotice.Landing(new GhlConnectOutcome(result, subAccountId, IntegrationId: 3, Detail: "secret text"));
                landing.Should().NotContain("secret");
                var code = HttpUtility.ParseQueryString(new Uri("http://hub" + landing).Query)[GhlConnectNotice.Parameter];
                if (code is not null)
                {
                    code.Should().MatchRegex("^[a-z-]+$");
                    GhlConnectNotice.Failure(code).Should().NotBeNullOrEmpty(result.ToString());
                }
            }
        }
    }
}
