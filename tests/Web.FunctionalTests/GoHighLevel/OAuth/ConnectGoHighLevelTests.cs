using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using IntegrationHub.Domain.Audit;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel.OAuth;

/// <summary>
/// "Connect with GoHighLevel" (ConnectGoHighLevel, CompleteGoHighLevelConnect) through the real app and the fake's authorize
/// page and token endpoint: the state is single-use, expiring and bound to its sub-account; a misused one stores nothing.
/// </summary>
[TestFixture]
public sealed class ConnectGoHighLevelTests : ConnectGoHighLevelFixture
{
    [Test]
    public async Task Connect_redirects_to_the_authorize_page_with_a_state_stored_only_as_its_hash()
    {
        var tenant = await App.CreateTenant("Connect start");
        var start = await AdminBrowser().GetAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}/gohighlevel/connect");

        start.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = start.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(Ghl.Url + "/oauth/chooselocation");
        var query = HttpUtility.ParseQueryString(location.Query);
        query["response_type"].Should().Be("code");
        query["client_id"].Should().Be(FakeGoHighLevel.AppClientId);
        query["redirect_uri"].Should().Be(App.Anonymous().BaseAddress!.ToString().TrimEnd('/') + "/oauth/gohighlevel/callback");
        query["scope"].Should().Contain("contacts.write").And.Contain("locations.readonly");
        var state = query["state"]!;
        state.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "256 random bits, base64url");

        var stored = await Db(db => db.GhlConnectStates.AsNoTracking().SingleAsync(s => s.SubAccountId == tenant.SubAccountId));
        stored.StateHash.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state))));
        stored.ExpiresAt.Should().BeCloseTo(stored.CreatedAt.AddMinutes(10), TimeSpan.FromSeconds(1));
        stored.UsedAt.Should().BeNull();
        (await Db(db => db.GhlConnectStates.AnyAsync(s => s.StateHash == state))).Should().BeFalse();
    }

    [Test]
    public async Task A_location_install_becomes_an_active_integration_with_encrypted_tokens_and_the_browser_lands_on_its_page()
    {
        var tenant = await App.CreateTenant("Connect location");
        var locationId = FakeGoHighLevel.NewLocationId();
        var callback = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(locationId));
        var code = HttpUtility.ParseQueryString(callback.Query)["code"]!;
        var state = HttpUtility.ParseQueryString(callback.Query)["state"]!;

        var landed = await Callback(callback);

        landed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var integrationId = await Db(db => db.Integrations.Where(i => i.SubAccountId == tenant.SubAccountId).Select(i => i.Id).SingleAsync());
        landed.Headers.Location!.ToString().Should().Be($"/admin/integrations/{integrationId}?done=gohighlevel-connected");
        var body = await landed.Content.ReadAsStringAsync();

        var integration = await Admin.GetJson($"/api/admin/integrations/{integrationId}");
        integration.Str("status").Should().Be("active");
        var config = integration["config"]!;
        config.Str("apiKey").Should().Be("********");
        config.Str("locationId").Should().Be(locationId);
        config.Str("oauth").Should().Be("location");
        config.Str("baseUrl").Should().Be(new Uri(Ghl.Url).GetLeftPart(UriPartial.Authority));
        DateTime.Parse(config.Str("accessTokenExpiresAt"), null, System.Globalization.DateTimeStyles.RoundtripKind)
            .Should().BeCloseTo(DateTime.UtcNow.AddSeconds(Ghl.AccessTokenSeconds), TimeSpan.FromMinutes(1));
        config["clientSecret"].Should().BeNull("the app's secret lives in the settings, never in a config");

        // The access token the hub used for its connection test is stored only encrypted; the refresh token too.
        var accessToken = Ghl.RequestsTo("/locations/" + locationId).Last().Authorization!["Bearer ".Length..];
        var stored = await Db(db => db.Integrations.AsNoTracking().SingleAsync(i => i.Id == integrationId));
        stored.ConfigJson.Should().NotContain(accessToken).And.NotContain("refresh-").And.Contain("\"apiKey\":\"enc:").And.Contain("\"refreshToken\":\"enc:");
        stored.CreatedByAdminId.Should().NotBeNull();
        integration.ToJsonString().Should().NotContain(accessToken).And.NotContain("refresh-");

        // The audit names the admin who started the connect, although the callback itself carries no credentials.
        var audit = await Db(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "CompleteGoHighLevelConnect" && a.EntityType == "Integration" && a.EntityId == integrationId.ToString()).ToListAsync());
        audit.Should().NotBeEmpty().And.OnlyContain(a => a.ActorType == AuditActorType.Admin && a.ActorId == stored.CreatedByAdminId);
        audit[0].ChangedFields.Should().Contain("config", "the creation is audited, then the connection test");

        foreach (var secret in new[] { accessToken, code, state, FakeGoHighLevel.AppClientSecret })
        {
            App.Logs.All.Should().NotContain(secret);
            body.Should().NotContain(secret);
        }
    }

    [Test]
    public async Task Connecting_the_same_location_again_updates_its_integration_with_new_tokens()
    {
        var tenant = await App.CreateTenant("Connect twice");
        var locationId = FakeGoHighLevel.NewLocationId();
        var first = await Callback(await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(locationId)));
        var before = await Db(db => db.Integrations.AsNoTracking().SingleAsync(i => i.SubAccountId == tenant.SubAccountId));

        var second = await Callback(await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(locationId)));

        second.Headers.Location.Should().Be(first.Headers.Location);
        var after = await Db(db => db.Integrations.AsNoTracking().SingleAsync(i => i.SubAccountId == tenant.SubAccountId));
        after.Id.Should().Be(before.Id);
        after.ConfigJson.Should().NotBe(before.ConfigJson, "the new tokens replace the old");
    }

    [Test]
    public async Task A_forged_state_is_400_and_nothing_is_exchanged_or_stored()
    {
        var tenant = await App.CreateTenant("Connect forged");
        var callback = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));
        var exchanges = CodeExchanges;

        await ExpectStateRefused(await Callback(WithQuery(callback, "state", "forged-" + Guid.NewGuid().ToString("N"))));

        CodeExchanges.Should().Be(exchanges);
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(0);
    }

    [Test]
    public async Task A_reused_state_is_400_without_a_second_exchange()
    {
        var tenant = await App.CreateTenant("Connect reused");
        var callback = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));
        (await Callback(callback)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var exchanges = CodeExchanges;
        var stored = await Db(db => db.Integrations.AsNoTracking().SingleAsync(i => i.SubAccountId == tenant.SubAccountId));

        await ExpectStateRefused(await Callback(callback));

        CodeExchanges.Should().Be(exchanges);
        (await Db(db => db.Integrations.AsNoTracking().SingleAsync(i => i.SubAccountId == tenant.SubAccountId))).ConfigJson.Should().Be(stored.ConfigJson);
    }

    [Test]
    public async Task Two_simultaneous_callbacks_with_one_state_let_exactly_one_through()
    {
        var tenant = await App.CreateTenant("Connect race");
        var callback = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Callback(callback)));

        answers.Count(a => a.StatusCode == HttpStatusCode.Redirect).Should().Be(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest).Should().Be(3);
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(1);
    }

    [Test]
    public async Task An_expired_state_is_400_and_nothing_is_exchanged_or_stored()
    {
        var tenant = await App.CreateTenant("Connect expired");
        var callback = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));
        await Db(db => db.GhlConnectStates.Where(s => s.SubAccountId == tenant.SubAccountId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));
        var exchanges = CodeExchanges;

        await ExpectStateRefused(await Callback(callback));

        CodeExchanges.Should().Be(exchanges);
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(0);
    }

    [Test]
    public async Task A_state_writes_only_to_its_own_sub_account_whatever_the_request_adds()
    {
        var mine = await App.CreateTenant("Connect own");
        var other = await App.CreateTenant("Connect other");
        var callback = await StartAndAuthorize(mine.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));

        (await Callback(WithQuery(WithQuery(callback, "subAccountId", other.SubAccountId.ToString()), "id", other.SubAccountId.ToString())))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await IntegrationsOf(mine.SubAccountId)).Should().Be(1);
        (await IntegrationsOf(other.SubAccountId)).Should().Be(0);
    }

    [Test]
    public async Task A_location_another_sub_account_holds_is_refused_and_stays_with_its_holder()
    {
        var holder = await App.CreateTenant("Connect holder");
        var taker = await App.CreateTenant("Connect taker");
        var locationId = FakeGoHighLevel.NewLocationId();
        var held = await ConnectGoHighLevel(holder, locationId: locationId);
        var before = await Db(db => db.Integrations.AsNoTracking().SingleAsync(i => i.Id == held));

        var refused = await Callback(await StartAndAuthorize(taker.SubAccountId, OAuthInstall.ForLocation(locationId)));

        (await refused.ProblemAsync(HttpStatusCode.Conflict)).Str("detail").Should().Contain(locationId).And.Contain("another sub-account");
        (await IntegrationsOf(taker.SubAccountId)).Should().Be(0);
        (await Db(db => db.Integrations.AsNoTracking().SingleAsync(i => i.Id == held))).ConfigJson.Should().Be(before.ConfigJson);
    }

    [Test]
    public async Task A_callback_without_a_code_or_with_neither_is_400_and_stores_nothing()
    {
        var tenant = await App.CreateTenant("Connect no code");
        var callback = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));

        (await Callback(WithQuery(callback, "code", null))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Callback(WithQuery(WithQuery(callback, "state", null), "code", null))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Browser().GetAsync("/oauth/gohighlevel/callback")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Browser().GetAsync("/oauth/gohighlevel/callback?error=access_denied")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(0);
    }

    [Test]
    public async Task Cancelling_on_GoHighLevel_s_page_lands_on_the_sub_account_saying_so_and_spends_the_state()
    {
        var tenant = await App.CreateTenant("Connect cancelled");
        var callback = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));
        var cancelled = WithQuery(WithQuery(callback, "code", null), "error", "access_denied");

        var landed = await Callback(cancelled);

        landed.Headers.Location!.ToString().Should().Be($"/admin/sub-accounts/{tenant.SubAccountId}?gohighlevel=cancelled");
        await ExpectStateRefused(await Callback(callback));
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(0);
    }

    [Test]
    public async Task A_code_GoHighLevel_refuses_lands_on_the_sub_account_saying_what_to_do_and_stores_nothing()
    {
        var tenant = await App.CreateTenant("Connect refused");
        var callback = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));

        var landed = await Callback(WithQuery(callback, "code", "code-never-issued"));

        landed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        landed.Headers.Location!.ToString().Should().Be($"/admin/sub-accounts/{tenant.SubAccountId}?gohighlevel=code-refused");
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(0);
        App.Logs.All.Should().NotContain("code-never-issued").And.NotContain(FakeGoHighLevel.AppClientSecret);
    }

    [Test]
    public async Task An_agency_install_is_stored_as_an_installation_and_the_browser_lands_on_the_installations_page()
    {
        var tenant = await App.CreateTenant("Connect agency");
        var companyId = "co-" + Guid.NewGuid().ToString("N")[..8];
        var locations = new[] { FakeGoHighLevel.NewLocationId(), FakeGoHighLevel.NewLocationId() };

        var landed = await Callback(await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForAgency(companyId, locations)));

        landed.Headers.Location!.ToString().Should().Be("/admin/gohighlevel/installations?done=gohighlevel-installed");
        var installation = await Db(db => db.GhlInstallations.AsNoTracking().Include(i => i.Locations).SingleAsync(i => i.CompanyId == companyId));
        installation.AccessTokenCipher.Should().StartWith("enc:");
        installation.RefreshTokenCipher.Should().StartWith("enc:");
        installation.InstalledByAdminId.Should().NotBeNull();
        installation.Locations.Select(l => l.LocationId).Should().BeEquivalentTo(locations);
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(0, "an agency's locations are linked one by one afterwards");
    }

    [Test]
    public async Task The_console_route_starts_the_same_connect_and_an_unknown_sub_account_is_404()
    {
        var tenant = await App.CreateTenant("Connect console");
        var console = await AdminBrowser().GetAsync($"/admin/sub-accounts/{tenant.SubAccountId}/gohighlevel/connect");
        console.StatusCode.Should().Be(HttpStatusCode.Redirect);
        console.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(Ghl.Url + "/oauth/chooselocation");

        (await AdminBrowser().GetAsync("/api/admin/sub-accounts/999999/gohighlevel/connect")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Browser().GetAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}/gohighlevel/connect")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await tenant.Client.GetAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}/gohighlevel/connect")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

/// <summary>Without the Marketplace app's client id, both routes do not exist.</summary>
[TestFixture]
public sealed class ConnectGoHighLevelWithoutAppTests : GoHighLevelFixture
{
    [Test]
    public async Task Without_an_app_the_connect_and_the_callback_are_404()
    {
        var tenant = await App.CreateTenant("No app");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.Anonymous().BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", HubApp.AdminToken);

        (await client.GetAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}/gohighlevel/connect")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/oauth/gohighlevel/callback?code=c&state=s")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/oauth/gohighlevel/callback?code=c")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a Marketplace install too");
    }
}
