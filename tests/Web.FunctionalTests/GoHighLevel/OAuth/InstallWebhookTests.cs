using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel.OAuth;

/// <summary>
/// GoHighLevel's app lifecycle webhooks, in the shapes its docs publish (AppInstall <c>type: INSTALL</c>, AppUninstall
/// <c>type: UNINSTALL</c> for a location or a whole agency, LocationCreate), signed with X-GHL-Signature: stored without a
/// location where they have none, and acted on.
/// </summary>
[TestFixture]
public sealed class InstallWebhookTests : AgencyInstallFixture
{
    private const string Installations = "/api/admin/gohighlevel/installations";

    [Test]
    public async Task A_location_uninstall_disconnects_its_integration_with_the_reason_and_a_duplicate_is_still_accepted()
    {
        var (install, integrationId) = await LinkedLocation("Uninstalled Clinic");
        var body = Example("AppUninstall.Location.json", new() { ["locationId"] = install.Locations[0] });

        var first = await Deliver(body);
        await EventProcessed(first);
        var duplicate = await (await App.Anonymous().SendAsync(Sender.Ed25519(body))).Json(HttpStatusCode.OK);
        duplicate.Str("status").Should().Be("duplicate");
        duplicate["eventId"]!.GetValue<int>().Should().Be(first);

        var integration = await Admin.GetJson($"/api/admin/integrations/{integrationId}");
        integration.Str("status").Should().Be("disconnected");
        integration.Str("errorMessage").Should().StartWith("Uninstalled in GoHighLevel");
    }

    [Test]
    public async Task An_agency_uninstall_marks_the_install_and_disconnects_every_linked_integration()
    {
        var (install, integrationId) = await LinkedLocation("Agency Gone", "Second Gone");
        var eventId = await Deliver(Example("AppUninstall.Company.json", new() { ["companyId"] = install.CompanyId }));
        var stored = await EventProcessed(eventId);
        stored["event"]!["locationId"].Should().BeNull("an agency-level event names no location");

        (await Admin.GetJson($"/api/admin/integrations/{integrationId}")).Str("status").Should().Be("disconnected");
        var listed = (await Admin.GetJson(Installations)).AsArray().Single(i => i!.Str("companyId") == install.CompanyId)!;
        listed["uninstalledAt"].Should().NotBeNull();
        listed.Str("problem").Should().Contain("Uninstalled");
    }

    [Test]
    public async Task An_install_for_a_location_an_uninstall_disconnected_says_it_must_be_reconnected()
    {
        var (install, integrationId) = await LinkedLocation("Back Again");
        await EventProcessed(await Deliver(Example("AppUninstall.Location.json", new() { ["locationId"] = install.Locations[0] })));

        await EventProcessed(await Deliver(Example("AppInstall.json", new() { ["locationId"] = install.Locations[0], ["companyId"] = install.CompanyId })));

        var integration = await Admin.GetJson($"/api/admin/integrations/{integrationId}");
        integration.Str("status").Should().Be("disconnected", "the install event brings no token: the admin reconnects");
        integration.Str("errorMessage").Should().Contain("reconnect");
    }

    [Test]
    public async Task A_location_created_in_an_agency_that_installs_to_future_locations_is_listed_for_linking()
    {
        var install = await InstallAgency(true, "Existing");
        var created = FakeGoHighLevel.NewLocationId();
        await EventProcessed(await Deliver(Example("LocationCreate.json", new() { ["id"] = created, ["companyId"] = install.CompanyId, ["name"] = "Brand New Clinic" })));

        var locations = (await Admin.GetJson(Installations)).AsArray().Single(i => i!.Str("companyId") == install.CompanyId)!["locations"]!.AsArray();
        locations.Select(l => l!.Str("locationId")).Should().Contain(created);
        locations.Single(l => l!.Str("locationId") == created)!.Str("name").Should().Be("Brand New Clinic");

        var notFuture = await InstallAgency(false, "Fixed");
        await EventProcessed(await Deliver(Example("LocationCreate.json", new() { ["id"] = FakeGoHighLevel.NewLocationId(), ["companyId"] = notFuture.CompanyId })));
        (await Admin.GetJson(Installations)).AsArray().Single(i => i!.Str("companyId") == notFuture.CompanyId)!["locations"]!.AsArray().Should().HaveCount(1);
    }

    [Test]
    public async Task Events_about_an_unknown_agency_or_location_are_stored_and_processed_with_nothing_to_do()
    {
        foreach (var body in new[]
        {
            Example("AppUninstall.Company.json", new() { ["companyId"] = "co-unknown" }),
            Example("AppUninstall.Location.json", new() { ["locationId"] = "loc-unknown-1" }),
            Example("AppInstall.json", new() { ["locationId"] = "loc-unknown-2", ["companyId"] = "co-unknown" }),
            Example("LocationCreate.json", new() { ["id"] = "loc-unknown-3", ["companyId"] = "co-unknown" }),
        })
        {
            await EventProcessed(await Deliver(body));
        }
    }

    [Test]
    public async Task An_unsigned_or_badly_signed_lifecycle_event_is_refused_and_one_naming_neither_location_nor_company_is_malformed()
    {
        var body = Example("AppUninstall.Company.json", new() { ["companyId"] = "co-x" });
        (await App.Anonymous().SendAsync(WebhookSender.Unsigned(body))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var stranger = new WebhookSender();
        (await App.Anonymous().SendAsync(stranger.Ed25519(body))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await App.Anonymous().SendAsync(Sender.Ed25519("""{"type":"UNINSTALL","appId":"app-1"}"""))).ProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<(AgencyInstall Install, int IntegrationId)> LinkedLocation(params string[] names)
    {
        var install = await InstallAgency(true, names);
        var tenant = await App.CreateTenant(names[0]);
        var integration = await (await Admin.PostJson($"{Installations}/{install.CompanyId}/locations/{install.Locations[0]}/link",
            new { subAccountId = tenant.SubAccountId })).Json(HttpStatusCode.OK);
        integration.Str("status").Should().Be("active");
        return (install, integration.Id());
    }

    /// <summary>GoHighLevel's published example, with this test's ids and the timestamp and webhookId real deliveries carry.</summary>
    private static string Example(string file, Dictionary<string, string> values)
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "ghl-webhook-examples", "app-lifecycle", file)))!.AsObject();
        foreach (var (name, value) in values)
        {
            body[name] = value;
        }

        body["timestamp"] = DateTimeOffset.UtcNow.ToString("O");
        body["webhookId"] = Guid.NewGuid().ToString();
        return body.ToJsonString();
    }

    private async Task<int> Deliver(string body) =>
        (await (await App.Anonymous().SendAsync(Sender.Ed25519(body))).Json(HttpStatusCode.Accepted))["eventId"]!.GetValue<int>();

    private async Task<JsonNode> EventProcessed(int eventId) =>
        await Poll.Eventually(async () =>
        {
            var details = await Admin.GetJson($"/api/admin/webhook-events/{eventId}");
            return details["event"]!.Str("status") == "processed" ? details : null;
        }, $"event {eventId} to be processed");
}
