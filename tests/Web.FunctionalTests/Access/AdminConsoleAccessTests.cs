using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Access;

/// <summary>
/// The admin console's sign-in, its cookie and who may open its pages, over real HTTP (the pages themselves are driven
/// in a real browser by the browser tests).
/// </summary>
[TestFixture]
public sealed partial class AdminConsoleAccessTests
{
    private HubApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new HubApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private HttpClient Browser()
    {
        // A real client with a cookie jar that does not follow redirects (the factory's own client follows them on Kestrel).
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() })
        {
            BaseAddress = _app.Anonymous().BaseAddress,
        };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    /// <summary>Posts the sign-in form the way a browser does: the page's antiforgery token, then the token typed in.</summary>
    internal static async Task<HttpResponseMessage> SignIn(HttpClient browser, string token, string returnUrl = "/admin")
    {
        var page = await browser.GetStringAsync("/admin/signin");
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        antiforgery.Should().NotBeEmpty();
        return await browser.PostAsync($"/admin/signin?returnUrl={Uri.EscapeDataString(returnUrl)}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = antiforgery,
            ["Input.Token"] = token,
        }));
    }

    [Test]
    public async Task An_anonymous_browser_is_sent_to_sign_in_and_a_tenant_is_refused()
    {
        var anonymous = await Browser().GetAsync("/admin/sub-accounts");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().Should().EndWith("/admin/signin?returnUrl=%2Fadmin%2Fsub-accounts");

        var dashboard = await Browser().GetAsync("/hangfire");
        dashboard.StatusCode.Should().Be(HttpStatusCode.Redirect);
        dashboard.Headers.Location!.ToString().Should().Contain("/admin/signin?returnUrl=%2Fhangfire");

        var tenant = await _app.CreateTenant("Console tenant");
        var tenantBrowser = Browser();
        tenantBrowser.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Token);
        (await tenantBrowser.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await tenantBrowser.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await Browser().GetAsync("/_blazor/negotiate?negotiateVersion=1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized,
            "only a signed-in admin may open a console circuit");
    }

    [Test]
    public async Task Signing_in_sets_a_strict_http_only_cookie_that_opens_the_console_and_the_dashboard_but_not_the_api()
    {
        var browser = Browser();
        var signIn = await SignIn(browser, HubApp.AdminToken, "/admin/sub-accounts");
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
        Local(signIn).Should().Be("/admin/sub-accounts");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ih_admin=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=strict").And.NotContain(HubApp.AdminToken);

        var page = await browser.GetAsync("/admin/sub-accounts");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("<h1>Sub-accounts</h1>");
        (await browser.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.GetAsync("/api/admin/sub-accounts")).StatusCode.Should().Be(HttpStatusCode.Unauthorized,
            "the API is bearer-only: a cookie there would open it to cross-site requests");
    }

    [Test]
    public async Task A_tenant_token_an_unknown_token_and_a_form_without_antiforgery_do_not_sign_in()
    {
        var tenant = await _app.CreateTenant("Console sign-in");
        foreach (var (token, message) in new[] { (tenant.Token, "That is not an admin token."), ("not-a-token", "That is not an admin token."),
                     ("", "Enter your admin token."), ("   ", "Enter your admin token.") })
        {
            var browser = Browser();
            var refused = await SignIn(browser, token);
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await refused.Content.ReadAsStringAsync()).Should().Contain(message, $"the token was '{token}'");
            refused.Headers.TryGetValues("Set-Cookie", out var cookies).Should().BeFalse(string.Join(";", cookies ?? []));
        }

        var forged = await Browser().PostAsync("/admin/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.Token"] = HubApp.AdminToken,
        }));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        forged.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Test]
    public async Task Sign_in_never_redirects_off_the_console()
    {
        foreach (var returnUrl in new[] { "https://evil.example/", "//evil.example/admin", "/\\evil.example", "/api/admin/sub-accounts" })
        {
            var signIn = await SignIn(Browser(), HubApp.AdminToken, returnUrl);
            Local(signIn).Should().Be("/admin", returnUrl);
        }
    }

    [Test]
    public async Task Signing_out_and_rotating_the_admin_token_end_the_session()
    {
        var browser = Browser();
        await SignIn(browser, HubApp.AdminToken);
        var page = await browser.GetStringAsync("/admin/sub-accounts");
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        (await browser.PostAsync("/admin/signout", new FormUrlEncodedContent([]))).StatusCode.Should().Be(HttpStatusCode.BadRequest,
            "sign-out is a form with antiforgery");
        var signOut = await browser.PostAsync("/admin/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }));
        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // A second admin signs in; its token is rotated through the API: the open session ends at once.
        var created = await (await _app.Admin().PostJson("/api/admin/admins", new { email = $"second.{Guid.NewGuid():N}@example.com", name = "Second" }))
            .Json(HttpStatusCode.Created);
        var second = Browser();
        await SignIn(second, created.Str("token"));
        (await second.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await _app.Admin().PostAsync($"/api/admin/admins/{created.Id()}/token", null)).Json(HttpStatusCode.OK);
        var after = await second.GetAsync("/admin");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().Should().Contain("/admin/signin");
        (await second.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Signing_out_revokes_the_session_so_a_copy_of_its_cookie_no_longer_opens_the_console_or_the_dashboard()
    {
        var browser = Browser();
        var signIn = await SignIn(browser, HubApp.AdminToken);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ih_admin=", StringComparison.Ordinal)).Split(';')[0];

        // The copy: another client that sends only the cookie's value, as someone who lifted it from the browser would.
        var copy = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = browser.BaseAddress };
        copy.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        (await copy.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK, "the copied cookie works while the session is open");
        (await copy.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.OK);

        var page = await browser.GetStringAsync("/admin/sub-accounts");
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        var signOut = await browser.PostAsync("/admin/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }));
        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var console = await copy.GetAsync("/admin");
        console.StatusCode.Should().Be(HttpStatusCode.Redirect, "signing out ended the session on the server, not only in the browser");
        console.Headers.Location!.ToString().Should().Contain("/admin/signin");
        var dashboard = await copy.GetAsync("/hangfire");
        dashboard.StatusCode.Should().Be(HttpStatusCode.Redirect);
        dashboard.Headers.Location!.ToString().Should().Contain("/admin/signin?returnUrl=%2Fhangfire");
        (await copy.GetAsync("/_blazor/negotiate?negotiateVersion=1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // Another session of the same admin is not touched by this one's sign-out.
        var other = Browser();
        await SignIn(other, HubApp.AdminToken);
        (await other.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Where a redirect goes, as a path on this server (and only on this server).</summary>
    private string Local(HttpResponseMessage redirect)
    {
        var target = new Uri(_app.Anonymous().BaseAddress!, redirect.Headers.Location!);
        target.Authority.Should().Be(_app.Anonymous().BaseAddress!.Authority);
        return target.PathAndQuery;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryField();
}
