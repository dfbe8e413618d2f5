using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel.OAuth;

/// <summary>
/// Renewal of OAuth tokens against the fake's token endpoints (rotating refresh tokens, dead once spent): ahead of expiry,
/// after a 401, one renewal for concurrent calls, the new refresh token stored encrypted before use, a refused refresh
/// moving the integration to error with one alert, and location tokens of an agency install.
/// </summary>
[TestFixture]
public sealed class TokenRefreshTests : GoHighLevelAppFixture
{
    [TearDown]
    public void ResetFake()
    {
        Ghl.AccessTokenSeconds = 86_399;
        Ghl.RefreshDelay = TimeSpan.Zero;
    }

    [Test]
    public async Task A_token_about_to_expire_is_renewed_before_the_call_and_the_new_refresh_token_is_stored_encrypted()
    {
        var location = FakeGoHighLevel.NewLocationId();
        var issued = await Ghl.IssueTokensAsync(OAuthInstall.ForLocation(location));
        var id = await CreateOAuthIntegration(location, issued.AccessToken, issued.RefreshToken, DateTime.UtcNow.AddSeconds(60));
        var before = Ghl.OAuthRefreshCalls;

        await Activate(id);

        Ghl.OAuthRefreshCalls.Should().Be(before + 1);
        Ghl.RefreshAttempts[issued.RefreshToken].Should().Be(1);
        Ghl.RequestsTo("/locations/").Should().NotContain(r => r.Authorization == "Bearer " + issued.AccessToken, "renewed before the call");
        var (json, config) = await StoredConfig(id);
        var refresh = config["refreshToken"]!.GetValue<string>();
        refresh.Should().NotBe(issued.RefreshToken);
        Ghl.IsLive(refresh).Should().BeTrue("the stored refresh token is the one GoHighLevel handed out last");
        json.Should().NotContain(refresh).And.NotContain(config["apiKey"]!.GetValue<string>(), "tokens are stored encrypted");
        DateTime.Parse(config["accessTokenExpiresAt"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUniversalTime()
            .Should().BeAfter(DateTime.UtcNow.AddHours(23));

        var shown = (await Admin.GetJson($"/api/admin/integrations/{id}"))["config"]!;
        shown.Str("refreshToken").Should().Be("********");
        shown.Str("apiKey").Should().Be("********");
        shown.Str("tokensRefreshedAt").Should().NotBeNullOrEmpty();

        await Activate(id);
        Ghl.OAuthRefreshCalls.Should().Be(before + 1, "the renewed token is used until it nears its expiry");
    }

    [Test]
    public async Task A_401_renews_the_token_once_and_the_call_succeeds()
    {
        var location = FakeGoHighLevel.NewLocationId();
        var issued = await Ghl.IssueTokensAsync(OAuthInstall.ForLocation(location));
        var id = await CreateOAuthIntegration(location, "access-revoked-in-ghl", issued.RefreshToken, DateTime.UtcNow.AddHours(20));

        await Activate(id);

        Ghl.RefreshAttempts[issued.RefreshToken].Should().Be(1);
        Ghl.IsLive((await StoredConfig(id)).Config["refreshToken"]!.GetValue<string>()).Should().BeTrue();
    }

    [Test]
    public async Task Concurrent_calls_that_all_need_a_renewal_make_one_refresh_call_and_all_succeed()
    {
        var location = FakeGoHighLevel.NewLocationId();
        var issued = await Ghl.IssueTokensAsync(OAuthInstall.ForLocation(location));
        var id = await CreateOAuthIntegration(location, issued.AccessToken, issued.RefreshToken, DateTime.UtcNow.AddSeconds(30));
        Ghl.RefreshDelay = TimeSpan.FromSeconds(1);
        var before = Ghl.OAuthRefreshCalls;

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
            await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK)));

        results.Should().OnlyContain(r => r["success"]!.GetValue<bool>(), string.Join(" | ", results.Select(r => r.Str("message"))));
        Ghl.RefreshAttempts[issued.RefreshToken].Should().Be(1, "the others waited for the one renewal and used what it stored");
        Ghl.OAuthRefreshCalls.Should().Be(before + 1);
    }

    [Test]
    public async Task A_holder_whose_refresh_token_was_spent_by_another_instance_meanwhile_adopts_the_pair_that_instance_stored()
    {
        // A holder overtaken mid-call (its lease ran out while GoHighLevel was slow): another instance spent the same
        // refresh token and stored a new pair. GoHighLevel then refuses the holder's refresh, but nothing is broken.
        var location = FakeGoHighLevel.NewLocationId();
        var issued = await Ghl.IssueTokensAsync(OAuthInstall.ForLocation(location));
        var id = await CreateOAuthIntegration(location, issued.AccessToken, issued.RefreshToken, DateTime.UtcNow.AddSeconds(30));
        Ghl.RefreshDelay = TimeSpan.FromSeconds(2);

        var call = Admin.PostAsync($"/api/admin/integrations/{id}/test", null);
        await Poll.Eventually(() => Task.FromResult(Ghl.RefreshAttempts.ContainsKey(issued.RefreshToken) ? "sent" : null),
            "the holder's refresh to reach GoHighLevel", 10);
        Ghl.RevokeInstall(OAuthInstall.ForLocation(location));
        var other = await Ghl.IssueTokensAsync(OAuthInstall.ForLocation(location));
        (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new
        {
            config = new JsonObject
            {
                ["apiKey"] = other.AccessToken, ["refreshToken"] = other.RefreshToken,
                ["accessTokenExpiresAt"] = DateTime.UtcNow.AddHours(23).ToString("O", CultureInfo.InvariantCulture),
            },
        })).StatusCode.Should().Be(HttpStatusCode.OK);

        var result = await (await call).Json(HttpStatusCode.OK);

        result["success"]!.GetValue<bool>().Should().BeTrue(result.Str("message"));
        Ghl.RequestsTo("/locations/").Last().Authorization.Should().Be("Bearer " + other.AccessToken);
        (await Admin.GetJson($"/api/admin/integrations/{id}")).Str("status").Should().Be("active");
        (await StoredConfig(id)).Config["refreshToken"]!.GetValue<string>().Should().Be(other.RefreshToken);
    }

    [Test]
    public async Task A_refused_refresh_moves_the_integration_to_error_with_one_alert_saying_reconnect()
    {
        var location = FakeGoHighLevel.NewLocationId();
        var issued = await Ghl.IssueTokensAsync(OAuthInstall.ForLocation(location));
        var id = await CreateOAuthIntegration(location, issued.AccessToken, issued.RefreshToken, DateTime.UtcNow.AddSeconds(30));
        Ghl.RevokeInstall(OAuthInstall.ForLocation(location));

        for (var call = 0; call < 3; call++)
        {
            var result = await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK);
            result["success"]!.GetValue<bool>().Should().BeFalse();
            result.Str("message").Should().Be(GhlTokenRenewal.RefusedMessage);
        }

        var integration = await Admin.GetJson($"/api/admin/integrations/{id}");
        integration.Str("status").Should().Be("error");
        integration.Str("errorMessage").Should().Be("GoHighLevel refused the token refresh (invalid_grant): reconnect in GoHighLevel.");
        var alerts = (await Admin.GetJson($"/api/admin/alerts?integrationId={id}")).AsArray();
        alerts.Should().ContainSingle("one alert for the broken connection, not one per call")
            .Which!.Str("message").Should().Contain("reconnect in GoHighLevel");
    }

    [Test]
    public async Task A_hand_configured_integration_whose_refresh_is_refused_says_reconnect()
    {
        var tenant = await App.CreateTenant("Own app refused");
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "Own app",
            config = new
            {
                apiKey = "expired-access-token", locationId = FakeGoHighLevel.NewLocationId(), baseUrl = Ghl.Url,
                clientId = "client-1", clientSecret = "client-secret-1", refreshToken = "refresh-token-revoked",
            },
        })).Json(HttpStatusCode.Created);

        var result = await (await Admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).Json(HttpStatusCode.OK);

        result.Str("message").Should().Be(GhlTokenRenewal.RefusedMessage);
        (await Admin.GetJson($"/api/admin/integrations/{integration.Id()}")).Str("status").Should().Be("error");
        (await Admin.GetJson($"/api/admin/alerts?integrationId={integration.Id()}")).AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task An_agency_linked_integration_gets_a_new_location_token_with_the_agency_token_renewed_first()
    {
        var companyId = "co-" + Guid.NewGuid().ToString("N")[..8];
        var location = FakeGoHighLevel.NewLocationId();
        Ghl.AccessTokenSeconds = 60;
        var agency = await Ghl.IssueTokensAsync(OAuthInstall.ForAgency(companyId, [location]));
        Ghl.AccessTokenSeconds = 86_399;
        var installationId = await AddInstallation(companyId, agency, location);
        var id = await CreateAgencyIntegration(companyId, location);
        var (refreshes, locationTokens) = (Ghl.OAuthRefreshCalls, Ghl.LocationTokenCalls);

        await Activate(id);

        Ghl.RefreshAttempts[agency.RefreshToken].Should().Be(1, "the agency token was about to expire");
        Ghl.OAuthRefreshCalls.Should().Be(refreshes + 1);
        Ghl.LocationTokenCalls.Should().Be(locationTokens + 1);
        var installation = await Read(db => db.GhlInstallations.AsNoTracking().SingleAsync(i => i.Id == installationId));
        installation.TokensRefreshedAt.Should().NotBeNull();
        installation.AccessTokenExpiresAt.Should().BeAfter(DateTime.UtcNow.AddHours(23));
        using var scope = App.Services.CreateScope();
        var secrets = scope.ServiceProvider.GetRequiredService<GhlInstallationSecrets>();
        Ghl.IsLive(secrets.RefreshToken(installation)).Should().BeTrue("the agency's new refresh token was stored");
        var (_, config) = await StoredConfig(id);
        config["refreshToken"].Should().BeNull("a linked location has no refresh token of its own");
        Ghl.AcceptedTokens.Should().Contain(config["apiKey"]!.GetValue<string>());

        await Activate(id);
        Ghl.LocationTokenCalls.Should().Be(locationTokens + 1, "the location token is used until it nears its expiry");
    }

    [Test]
    public async Task An_agency_install_whose_refresh_is_refused_records_the_problem_and_its_integration_fails_once()
    {
        var companyId = "co-" + Guid.NewGuid().ToString("N")[..8];
        var location = FakeGoHighLevel.NewLocationId();
        Ghl.AccessTokenSeconds = 60;
        var agency = await Ghl.IssueTokensAsync(OAuthInstall.ForAgency(companyId, [location]));
        Ghl.AccessTokenSeconds = 86_399;
        // A refresh token GoHighLevel no longer honours (the agency revoked the app's access).
        var installationId = await AddInstallation(companyId, agency with { RefreshToken = "refresh-revoked-" + companyId }, location);
        var id = await CreateAgencyIntegration(companyId, location);

        for (var call = 0; call < 2; call++)
        {
            (await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK)).Str("message")
                .Should().Be(GhlAgencyTokens.RefusedMessage);
        }

        Ghl.RefreshAttempts["refresh-revoked-" + companyId].Should().Be(1, "a refused agency refresh is not tried again");
        (await Read(db => db.GhlInstallations.AsNoTracking().SingleAsync(i => i.Id == installationId))).Problem
            .Should().Be(GhlAgencyTokens.RefusedMessage);
        (await Admin.GetJson($"/api/admin/integrations/{id}")).Str("status").Should().Be("error");
        (await Admin.GetJson($"/api/admin/alerts?integrationId={id}")).AsArray().Should().ContainSingle();
    }

    private async Task<int> CreateOAuthIntegration(string location, string accessToken, string refreshToken, DateTime expiresAt)
    {
        var tenant = await App.CreateTenant("OAuth " + location);
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL " + location,
            config = new JsonObject
            {
                ["apiKey"] = accessToken, ["locationId"] = location, ["baseUrl"] = Ghl.Url, ["oauth"] = "location",
                ["refreshToken"] = refreshToken, ["accessTokenExpiresAt"] = expiresAt.ToString("O", CultureInfo.InvariantCulture),
            },
        })).Json(HttpStatusCode.Created);
        return integration.Id();
    }

    /// <summary>As the linking use case leaves it: the agency's company, no token of its own yet (an expired placeholder).</summary>
    private async Task<int> CreateAgencyIntegration(string companyId, string location)
    {
        var tenant = await App.CreateTenant("Agency " + location);
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL " + location,
            config = new JsonObject
            {
                ["apiKey"] = "no-location-token-yet", ["locationId"] = location, ["baseUrl"] = Ghl.Url, ["oauth"] = "agency",
                ["companyId"] = companyId, ["accessTokenExpiresAt"] = DateTime.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
            },
        })).Json(HttpStatusCode.Created);
        return integration.Id();
    }

    private async Task<int> AddInstallation(string companyId, IssuedTokens agency, string location)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var grant = new GhlTokenGrant(agency.AccessToken, agency.RefreshToken, agency.ExpiresIn, null, GhlTokenGrant.Company, null, companyId,
            [location], true, true, null);
        var installation = GhlInstallation.Install(companyId, scope.ServiceProvider.GetRequiredService<GhlInstallationSecrets>().Grant(companyId, grant, now),
            null, now);
        db.Add(installation);
        await db.SaveChangesAsync();
        return installation.Id;
    }

    private async Task<(string Json, JsonObject Config)> StoredConfig(int integrationId)
    {
        using var scope = App.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Integrations.AsNoTracking().SingleAsync(i => i.Id == integrationId);
        return (stored.ConfigJson,
            scope.ServiceProvider.GetRequiredService<IntegrationConfigEditor>().Decrypt(stored.ConfigJson, stored.SubAccountId, stored.SecretScope));
    }

    private async Task<T> Read<T>(Func<AppDbContext, Task<T>> read)
    {
        using var scope = App.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
