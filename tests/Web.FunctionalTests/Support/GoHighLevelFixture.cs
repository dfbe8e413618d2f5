using System.Net;
using System.Text.Json.Nodes;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// The app and the fake GoHighLevel it calls (its faults cleared before each test), and the one way the tests connect a
/// tenant to it: a GoHighLevel integration whose base URL is the fake's.
/// </summary>
/// <param name="clearFaultsBeforeEachTest">
/// False for a fixture whose tests see each other's integrations (a health sweep checks them all): a fault told to an
/// earlier test's location then stays, as it would without the fixture.
/// </param>
public abstract class GoHighLevelFixture(bool clearFaultsBeforeEachTest = true) : HubFixture
{
    protected FakeGoHighLevel Ghl { get; private set; } = null!;

    protected override void BeforeStart() => Ghl = new FakeGoHighLevel();

    protected override void AfterStop() => Ghl?.Dispose();

    [SetUp]
    public void ClearGoHighLevelFaults()
    {
        if (clearFaultsBeforeEachTest)
        {
            Ghl.ClearFaults();
        }
    }

    /// <summary>
    /// A GoHighLevel integration for <paramref name="tenant"/> on the fake, still pending (see <see cref="Activate"/>).
    /// <paramref name="calendarId"/> and <paramref name="syncIntervalMinutes"/> are in its config only when given.
    /// </summary>
    protected async Task<int> ConnectGoHighLevel(Tenant tenant, string apiKey = FakeGoHighLevel.ValidToken, string? locationId = null,
        int? syncIntervalMinutes = null, string? calendarId = null, string name = "GoHighLevel")
    {
        var config = new JsonObject
        {
            ["apiKey"] = apiKey,
            ["locationId"] = locationId ?? FakeGoHighLevel.NewLocationId(),
            ["baseUrl"] = Ghl.Url,
        };
        if (calendarId is not null)
        {
            config["calendarId"] = calendarId;
        }

        if (syncIntervalMinutes is not null)
        {
            config["syncIntervalMinutes"] = syncIntervalMinutes;
        }

        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name, config,
        })).Json(HttpStatusCode.Created);
        return integration.Id();
    }

    /// <summary>Tests the integration's connection, which must succeed: it is active from then on.</summary>
    protected async Task Activate(int integrationId) =>
        (await (await Admin.PostAsync($"/api/admin/integrations/{integrationId}/test", null)).Json(HttpStatusCode.OK))["success"]!
            .GetValue<bool>().Should().BeTrue();
}
