using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel.OAuth;

/// <summary>
/// A location of an agency install that is already connected by another integration (connected directly with "Connect
/// with GoHighLevel"): the list says which integration holds it, link-all skips it without creating a sub-account; and
/// the sub-accounts link-all creates take their location's time zone.
/// </summary>
public sealed partial class AgencyInstallationTests
{
    [Test]
    public async Task A_location_connected_directly_is_listed_as_connected_by_its_integration()
    {
        var install = await InstallAgency(true, "Direct " + Guid.NewGuid().ToString("N")[..6], "Free " + Guid.NewGuid().ToString("N")[..6]);
        var direct = await App.CreateTenant("Direct connect");
        var integrationId = await ConnectDirectly(direct, install.Locations[0]);

        var locations = (await Listed(install.CompanyId))["locations"]!.AsArray();

        var held = locations.Single(l => l!.Str("locationId") == install.Locations[0])!;
        held["subAccountId"].Should().BeNull("it is not linked through this installation");
        held["connectedBy"]!["integrationId"]!.GetValue<int>().Should().Be(integrationId);
        held["connectedBy"]!["subAccountId"]!.GetValue<int>().Should().Be(direct.SubAccountId);
        held["connectedBy"]!["subAccountName"]!.GetValue<string>().Should().Be("Direct connect");
        locations.Single(l => l!.Str("locationId") == install.Locations[1])!["connectedBy"].Should().BeNull();
    }

    [Test]
    public async Task Link_all_skips_a_location_another_integration_holds_without_creating_a_sub_account()
    {
        var name = "Held Clinic " + Guid.NewGuid().ToString("N")[..6];
        var install = await InstallAgency(true, name);
        var direct = await App.CreateTenant("Held elsewhere");
        var integrationId = await ConnectDirectly(direct, install.Locations[0]);

        var result = await (await Admin.PostJson($"{Installations}/{install.CompanyId}/link-all", new { createSubAccounts = true })).Json(HttpStatusCode.OK);

        result["subAccountsCreated"]!.GetValue<int>().Should().Be(0);
        result["failed"]!.GetValue<int>().Should().Be(0);
        result["skipped"]!.GetValue<int>().Should().Be(1);
        var location = result["locations"]![0]!;
        location.Str("outcome").Should().Be("skipped");
        location.Str("reason").Should().Contain($"already connected by integration {integrationId}");
        (await Admin.GetJson("/api/admin/sub-accounts")).AsArray().Should().NotContain(s => s!.Str("name") == name, "no empty sub-account is left behind");
    }

    [Test]
    public async Task Link_all_gives_a_created_sub_account_its_location_time_zone_or_the_default_when_it_cannot_be_read()
    {
        var install = await InstallAgency(true, "Chicago " + Guid.NewGuid().ToString("N")[..6], "Unread " + Guid.NewGuid().ToString("N")[..6]);
        await Listed(install.CompanyId); // the names are read first
        Ghl.FailLocation(install.Locations[1], FaultKind.RateLimited);

        var result = await (await Admin.PostJson($"{Installations}/{install.CompanyId}/link-all", new { createSubAccounts = true })).Json(HttpStatusCode.OK);

        result["subAccountsCreated"]!.GetValue<int>().Should().Be(2);
        var created = result["locations"]!.AsArray().ToDictionary(l => l!.Str("locationId"), l => l!["subAccountId"]!.GetValue<int>());
        (await Admin.GetJson($"/api/admin/sub-accounts/{created[install.Locations[0]]}")).Str("timezone").Should().Be("America/Chicago");
        (await Admin.GetJson($"/api/admin/sub-accounts/{created[install.Locations[1]]}")).Str("timezone").Should().Be("UTC");
    }

    /// <summary>"Connect with GoHighLevel" on the sub-account, GoHighLevel installing for that one location; the integration's id.</summary>
    private async Task<int> ConnectDirectly(Tenant tenant, string locationId)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.Anonymous().BaseAddress };
        using var start = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/sub-accounts/{tenant.SubAccountId}/gohighlevel/connect");
        start.Headers.Authorization = new("Bearer", HubApp.AdminToken);
        var authorize = await browser.SendAsync(start);
        authorize.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Ghl.NextInstall = OAuthInstall.ForLocation(locationId);
        var landed = await browser.GetAsync(Ghl.Authorize(authorize.Headers.Location!).PathAndQuery);
        landed.StatusCode.Should().Be(HttpStatusCode.Redirect, await landed.Content.ReadAsStringAsync());
        var id = IntegrationPage().Match(landed.Headers.Location!.OriginalString);
        id.Success.Should().BeTrue(landed.Headers.Location!.OriginalString);
        return int.Parse(id.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^/admin/integrations/(\d+)")]
    private static partial Regex IntegrationPage();
}
