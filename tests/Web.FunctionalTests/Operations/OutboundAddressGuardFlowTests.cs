using System.Net;
using System.Security.Cryptography;
using IntegrationHub.Infrastructure.Network;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace IntegrationHub.Web.FunctionalTests.Operations;

/// <summary>
/// The outbound address guard when the hub connects, through real flows: names that pass every check when set
/// (<c>ghl.guard.test</c>, <c>alerts.guard.test</c>) resolve, as a rebinding DNS server would make them, to this machine,
/// where the fake GoHighLevel and an alert receiver are listening. With private targets off, the connection test and the
/// alert delivery fail at once with the rule they broke, and nothing reaches either server.
/// </summary>
[TestFixture]
public sealed class OutboundAddressGuardFlowTests
{
    private const string AlertToken = "alert-url-token-5566";
    private FakeGoHighLevel _ghl = null!;
    private WireMockServer _alerts = null!;
    private HubApp _app = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _ghl = new FakeGoHighLevel();
        _alerts = WireMockServer.Start();
        _alerts.Given(Request.Create().WithPath("/alerts").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        _app = new HubApp(new Dictionary<string, string?>
        {
            // Plain http stays allowed (the stand-ins speak http): only the private-target rule is under test.
            ["IntegrationHub:Network:AllowHttp"] = "true",
            ["IntegrationHub:Network:AllowPrivateTargets"] = "false",
            ["IntegrationHub:HealthChecks:AlertAfterFailures"] = "1",
            ["IntegrationHub:HealthChecks:Cron"] = "0 0 1 1 *",
            ["IntegrationHub:GoHighLevel:MaxAttempts"] = "4",
            ["IntegrationHub:Alerts:WebhookUrl"] = $"http://alerts.guard.test:{new Uri(_alerts.Url!).Port}/alerts?token={AlertToken}",
            ["IntegrationHub:Alerts:WebhookSecret"] = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }, testServices: services => services.AddSingleton<HostResolver>(new RebindingDns()));
        _admin = _app.Admin();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app?.Dispose();
        _alerts?.Stop();
        _ghl?.Dispose();
    }

    [Test]
    public async Task A_gohighlevel_host_that_resolves_to_this_machine_fails_the_check_and_its_alert_at_once_naming_the_rule()
    {
        var tenant = await _app.CreateTenant("Rebound");
        var templateId = (await _app.Anonymous().GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await _admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templateId, name = "Rebound",
            config = new
            {
                apiKey = FakeGoHighLevel.ValidToken, locationId = FakeGoHighLevel.NewLocationId(),
                baseUrl = $"http://ghl.guard.test:{new Uri(_ghl.Url).Port}", syncIntervalMinutes = 0,
            },
        })).Json(HttpStatusCode.Created);
        const string rule = "resolves to 127.0.0.1, a loopback address, which the hub does not call (IntegrationHub:Network:AllowPrivateTargets is off).";

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await (await _admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).Json(HttpStatusCode.OK);

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "a refused address is not retried or waited for");
        result["success"]!.GetValue<bool>().Should().BeFalse();
        result.Str("message").Should().Contain("ghl.guard.test " + rule);
        var stored = await _admin.GetJson($"/api/admin/integrations/{integration.Id()}");
        stored.Str("status").Should().Be("error");
        stored.Str("errorMessage").Should().Contain("ghl.guard.test " + rule).And.NotContain(FakeGoHighLevel.ValidToken);
        _ghl.RequestsTo("/").Should().BeEmpty("the fake GoHighLevel listens there, and was never reached");

        // The check's failure raised an alert; its delivery to a host that resolves here fails for good, with the rule.
        var alert = await Poll.Eventually(async () => (await _admin.GetJson($"/api/admin/outbound?kind=alert&integrationId={integration.Id()}"))
            .AsArray().SingleOrDefault(o => o!.Str("status") == "failed"), "the alert's delivery to fail");
        alert!.Str("lastError").Should().Be("The alert webhook was not called: alerts.guard.test " + rule);
        alert.ToJsonString().Should().NotContain(AlertToken, "the alert URL's query may be its secret");
        _alerts.LogEntries.Should().BeEmpty("the alert receiver was never reached");
        _app.Logs.All.Should().NotContain(AlertToken).And.NotContain(FakeGoHighLevel.ValidToken);
    }

    /// <summary>Every <c>*.guard.test</c> name answers 127.0.0.1; anything else is looked up as usual.</summary>
    private sealed class RebindingDns : HostResolver
    {
        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            host.EndsWith(".guard.test", StringComparison.OrdinalIgnoreCase)
                ? Task.FromResult(new[] { IPAddress.Loopback })
                : base.ResolveAsync(host, cancellationToken);
    }
}
