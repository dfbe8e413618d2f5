using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel.OAuth;

/// <summary>
/// Agency (Company) installs of the Marketplace app: listed with their locations' names (read with the agency token),
/// linked one by one (a location token, the sub-account's integration created and tested) or all at once, with the
/// conflicts and refusals the contract names; never a token in an answer or a log line.
/// </summary>
[TestFixture]
public sealed partial class AgencyInstallationTests : AgencyInstallFixture
{
    private const string Installations = "/api/admin/gohighlevel/installations";

    [Test]
    public async Task The_list_shows_each_install_with_its_locations_named()
    {
        var install = await InstallAgency(true, "North Clinic", "South Clinic");

        var listed = await Listed(install.CompanyId);

        listed["installToFutureLocations"]!.GetValue<bool>().Should().BeTrue();
        listed["uninstalledAt"].Should().BeNull();
        var locations = listed["locations"]!.AsArray();
        locations.Select(l => (l!.Str("locationId"), l!.Str("name"))).Should().BeEquivalentTo(
            [(install.Locations[0], "North Clinic"), (install.Locations[1], "South Clinic")]);
        locations.Should().OnlyContain(l => l!["subAccountId"] == null && l["integrationId"] == null);
        NoTokenIn(listed.ToJsonString());
    }

    [Test]
    public async Task Linking_a_location_makes_an_active_integration_with_a_location_token()
    {
        var install = await InstallAgency(true, "East Clinic");
        var tenant = await App.CreateTenant("East");
        var callsBefore = Ghl.LocationTokenCalls;

        var response = await Admin.PostJson($"{Installations}/{install.CompanyId}/locations/{install.Locations[0]}/link", new { subAccountId = tenant.SubAccountId });
        var body = await response.Content.ReadAsStringAsync();
        var integration = await response.Json(HttpStatusCode.OK);

        Ghl.LocationTokenCalls.Should().Be(callsBefore + 1);
        integration.Str("status").Should().Be("active");
        integration["subAccountId"]!.GetValue<int>().Should().Be(tenant.SubAccountId);
        var stored = await Admin.GetJson($"/api/admin/integrations/{integration.Id()}");
        stored["config"]!["oauth"]!.GetValue<string>().Should().Be("agency");
        stored["config"]!["companyId"]!.GetValue<string>().Should().Be(install.CompanyId);
        stored["config"]!["locationId"]!.GetValue<string>().Should().Be(install.Locations[0]);
        stored["config"]!["baseUrl"]!.GetValue<string>().Should().Be(Ghl.Url);
        stored["config"]!["accessTokenExpiresAt"].Should().NotBeNull();
        stored["config"]!["clientId"].Should().BeNull("the app's client id lives in its settings, not in a config");
        NoTokenIn(body + stored.ToJsonString());

        var location = (await Listed(install.CompanyId))["locations"]![0]!;
        location["subAccountId"]!.GetValue<int>().Should().Be(tenant.SubAccountId);
        location["integrationId"]!.GetValue<int>().Should().Be(integration.Id());
        NoTokenIn(App.Logs.All);
    }

    [Test]
    public async Task A_location_linked_elsewhere_or_held_by_another_integration_is_a_conflict()
    {
        var install = await InstallAgency(true, "One", "Two");
        var first = await App.CreateTenant("First");
        var second = await App.CreateTenant("Second");
        await (await Admin.PostJson($"{Installations}/{install.CompanyId}/locations/{install.Locations[0]}/link", new { subAccountId = first.SubAccountId }))
            .Json(HttpStatusCode.OK);

        var again = await Admin.PostJson($"{Installations}/{install.CompanyId}/locations/{install.Locations[0]}/link", new { subAccountId = second.SubAccountId });
        (await again.ProblemAsync(HttpStatusCode.Conflict)).Str("detail").Should().Contain("already linked to sub-account");

        // Location two is already connected by hand (a Private Integration Token) in the first sub-account.
        await ConnectGoHighLevel(first, locationId: install.Locations[1]);
        var held = await Admin.PostJson($"{Installations}/{install.CompanyId}/locations/{install.Locations[1]}/link", new { subAccountId = second.SubAccountId });
        (await held.ProblemAsync(HttpStatusCode.Conflict)).Str("detail").Should().Contain("already connected by integration");
    }

    [Test]
    public async Task Unknown_company_location_or_sub_account_is_not_found_and_a_bad_body_is_refused()
    {
        var install = await InstallAgency(true, "Lonely");
        var tenant = await App.CreateTenant("Lonely");
        await (await Admin.PostJson($"{Installations}/co-nope/locations/{install.Locations[0]}/link", new { subAccountId = tenant.SubAccountId }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostJson($"{Installations}/{install.CompanyId}/locations/loc-nope/link", new { subAccountId = tenant.SubAccountId }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostJson($"{Installations}/{install.CompanyId}/locations/{install.Locations[0]}/link", new { subAccountId = 999999 }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostJson($"{Installations}/{install.CompanyId}/locations/{install.Locations[0]}/link", new { subAccountId = tenant.SubAccountId, extra = 1 }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await Admin.PostJson($"{Installations}/{install.CompanyId}/link-all", new { createSubAccounts = true, extra = 1 }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        (await Listed(install.CompanyId))["locations"]![0]!["subAccountId"].Should().BeNull("nothing was linked");
    }

    [Test]
    public async Task Link_all_creates_sub_accounts_named_after_the_locations_or_uses_the_one_so_named()
    {
        var install = await InstallAgency(true, "Alpha Dental " + Guid.NewGuid().ToString("N")[..4], "Beta Dental " + Guid.NewGuid().ToString("N")[..4]);
        var names = (await Listed(install.CompanyId))["locations"]!.AsArray().ToDictionary(l => l!.Str("locationId"), l => l!.Str("name"));
        var existing = await (await Admin.PostJson("/api/admin/sub-accounts", new { name = names[install.Locations[0]] })).Json(HttpStatusCode.Created);

        var withoutCreating = await (await Admin.PostJson($"{Installations}/{install.CompanyId}/link-all", new { createSubAccounts = false })).Json(HttpStatusCode.OK);
        withoutCreating["linked"]!.GetValue<int>().Should().Be(1);
        withoutCreating["skipped"]!.GetValue<int>().Should().Be(1);

        var result = await (await Admin.PostJson($"{Installations}/{install.CompanyId}/link-all", new { createSubAccounts = true })).Json(HttpStatusCode.OK);
        result["linked"]!.GetValue<int>().Should().Be(1);
        result["subAccountsCreated"]!.GetValue<int>().Should().Be(1);

        var locations = (await Listed(install.CompanyId))["locations"]!.AsArray();
        locations.Should().OnlyContain(l => l!["integrationId"] != null && l["integrationStatus"]!.GetValue<string>() == "active");
        locations.Single(l => l!.Str("locationId") == install.Locations[0])!["subAccountId"]!.GetValue<int>().Should().Be(existing.Id());
        locations.Single(l => l!.Str("locationId") == install.Locations[1])!["subAccountName"]!.GetValue<string>().Should().Be(names[install.Locations[1]]);
    }

    [Test]
    public async Task An_uninstalled_install_refuses_links_saying_to_install_again()
    {
        var install = await InstallAgency(true, "Gone Clinic");
        var tenant = await App.CreateTenant("Gone");
        await (await App.Anonymous().SendAsync(Sender.Ed25519(
            $$"""{"type":"UNINSTALL","appId":"app-1","companyId":"{{install.CompanyId}}","webhookId":"{{Guid.NewGuid()}}","timestamp":"{{DateTimeOffset.UtcNow:O}}"}""")))
            .Json(HttpStatusCode.Accepted);
        await Poll.Eventually(async () => (await Listed(install.CompanyId))["uninstalledAt"], "the install to be uninstalled");

        var refused = await Admin.PostJson($"{Installations}/{install.CompanyId}/locations/{install.Locations[0]}/link", new { subAccountId = tenant.SubAccountId });
        (await refused.ProblemAsync(HttpStatusCode.Conflict)).Str("detail").Should().Contain("uninstalled").And.Contain("install it again");
        (await (await Admin.PostJson($"{Installations}/{install.CompanyId}/link-all", new { createSubAccounts = true })).ProblemAsync(HttpStatusCode.Conflict))
            .Str("detail").Should().Contain("uninstalled");
    }

    private async Task<JsonNode> Listed(string companyId) =>
        (await Admin.GetJson(Installations)).AsArray().Single(i => i!.Str("companyId") == companyId)!;

    private static void NoTokenIn(string text) => Token().IsMatch(text).Should().BeFalse("no token may appear: {0}", Token().Match(text).Value);

    [GeneratedRegex("(access|refresh)-(loc-)?[0-9a-f]{32}")]
    private static partial Regex Token();
}
