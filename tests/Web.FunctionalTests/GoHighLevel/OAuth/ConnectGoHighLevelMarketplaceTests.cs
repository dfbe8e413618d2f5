using System.Net;
using IntegrationHub.Domain.Audit;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel.OAuth;

/// <summary>
/// Installs started inside GoHighLevel (the Marketplace listing's Install button): the callback brings a code and no
/// state. An agency's install and a known location's reinstall are stored with the system as the actor; a location the
/// hub does not know stores nothing and says where to start instead. A state that is present but not spendable stays 400.
/// </summary>
[TestFixture]
public sealed class ConnectGoHighLevelMarketplaceTests : ConnectGoHighLevelFixture
{
    [Test]
    public async Task An_agency_install_from_the_Marketplace_is_stored_with_the_system_as_actor_and_lands_on_the_installations_page()
    {
        var companyId = "co-" + Guid.NewGuid().ToString("N")[..8];
        var locations = new[] { FakeGoHighLevel.NewLocationId(), FakeGoHighLevel.NewLocationId() };

        var landed = await Callback(MarketplaceInstall(OAuthInstall.ForAgency(companyId, locations)));

        landed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        landed.Headers.Location!.ToString().Should().Be("/admin/gohighlevel/installations?done=gohighlevel-installed");
        var installation = await Db(db => db.GhlInstallations.AsNoTracking().Include(i => i.Locations).SingleAsync(i => i.CompanyId == companyId));
        installation.AccessTokenCipher.Should().StartWith("enc:");
        installation.InstalledByAdminId.Should().BeNull("no admin started it");
        installation.Locations.Select(l => l.LocationId).Should().BeEquivalentTo(locations);
        var audit = await Db(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "CompleteGoHighLevelInstall").ToListAsync());
        audit.Should().NotBeEmpty().And.OnlyContain(a => a.ActorType == AuditActorType.System && a.ActorId == null);

        // Installed again from the Marketplace (new tokens): the same installation, updated.
        var before = installation.AccessTokenCipher;
        (await Callback(MarketplaceInstall(OAuthInstall.ForAgency(companyId, locations)))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await Db(db => db.GhlInstallations.AsNoTracking().SingleAsync(i => i.CompanyId == companyId));
        after.Id.Should().Be(installation.Id);
        after.AccessTokenCipher.Should().NotBe(before);
    }

    [Test]
    public async Task A_Marketplace_reinstall_of_a_connected_location_renews_its_integration_and_lands_on_its_page()
    {
        var tenant = await App.CreateTenant("Marketplace reinstall");
        var locationId = FakeGoHighLevel.NewLocationId();
        (await Callback(await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(locationId)))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var before = await Db(async db =>
        {
            // Uninstalled in GoHighLevel meanwhile: the integration is off.
            var integration = await db.Integrations.SingleAsync(i => i.SubAccountId == tenant.SubAccountId);
            integration.Disconnect(DateTime.UtcNow, "Uninstalled in GoHighLevel");
            await db.SaveChangesAsync();
            return integration;
        });

        var landed = await Callback(MarketplaceInstall(OAuthInstall.ForLocation(locationId)));

        landed.Headers.Location!.ToString().Should().Be($"/admin/integrations/{before.Id}?done=gohighlevel-connected");
        var after = await Db(db => db.Integrations.AsNoTracking().SingleAsync(i => i.SubAccountId == tenant.SubAccountId));
        after.Id.Should().Be(before.Id);
        after.ConfigJson.Should().NotBe(before.ConfigJson, "the new tokens replace the old");
        (await Admin.GetJson($"/api/admin/integrations/{before.Id}")).Str("status").Should().Be("active");
        var audit = await Db(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "CompleteGoHighLevelInstall" && a.EntityId == before.Id.ToString()).ToListAsync());
        audit.Should().NotBeEmpty().And.OnlyContain(a => a.ActorType == AuditActorType.System);
    }

    [Test]
    public async Task A_Marketplace_install_of_an_unknown_location_stores_nothing_and_says_to_start_from_the_sub_account()
    {
        var locationId = FakeGoHighLevel.NewLocationId();
        var exchanges = CodeExchanges;

        var landed = await Callback(MarketplaceInstall(OAuthInstall.ForLocation(locationId)));

        landed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        landed.Headers.Location!.ToString().Should().Be("/admin/sub-accounts?gohighlevel=location-unknown");
        CodeExchanges.Should().Be(exchanges + 1, "only the exchange tells which location it is (GoHighLevel's code is spent)");
        (await Db(db => db.Integrations.AsNoTracking().AnyAsync(i => i.ConfigJson.Contains(locationId)))).Should().BeFalse();
        AdminConsole.GhlConnectNotice.Failure("location-unknown").Should().Contain("Start the connection from the sub-account's page");
    }

    [Test]
    public async Task A_Marketplace_code_GoHighLevel_refuses_stores_nothing_and_lands_on_the_sub_accounts_list()
    {
        var landed = await Browser().GetAsync("/oauth/gohighlevel/callback?code=code-never-issued");

        landed.Headers.Location!.ToString().Should().Be("/admin/sub-accounts?gohighlevel=code-refused");
        App.Logs.All.Should().NotContain("code-never-issued");
    }

    [Test]
    public async Task A_state_present_but_not_spendable_is_still_400_and_not_taken_for_a_Marketplace_install()
    {
        var tenant = await App.CreateTenant("Marketplace not a state");
        var callback = await StartAndAuthorize(tenant.SubAccountId, OAuthInstall.ForLocation(FakeGoHighLevel.NewLocationId()));
        var exchanges = CodeExchanges;

        await ExpectStateRefused(await Callback(WithQuery(callback, "state", "forged")));
        (await Callback(WithQuery(callback, "state", " "))).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        CodeExchanges.Should().Be(exchanges);
        (await IntegrationsOf(tenant.SubAccountId)).Should().Be(0);
    }
}
