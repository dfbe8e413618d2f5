using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Operations;

/// <summary>
/// The outbound address guard when an address is set, in an app run as production runs it (both Network settings off):
/// a GoHighLevel baseUrl that points to this machine, the network, link-local or cloud metadata, however it is spelt, is
/// a 400 naming the field; plain http is one too. (The alert webhook URL, a setting, is checked at start:
/// <see cref="OutboundAddressGuardStartupTests"/>.)
/// </summary>
[TestFixture]
public sealed class OutboundAddressGuardTests : HubFixture
{
    private const string ApiKey = "pit-guard-secret-0123456789";
    private Tenant _tenant = null!;

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        ["IntegrationHub:Network:AllowHttp"] = "false",
        ["IntegrationHub:Network:AllowPrivateTargets"] = "false",
    };

    [OneTimeSetUp]
    public async Task CreateTenant() => _tenant = await App.CreateTenant("Guard");

    private Task<HttpResponseMessage> Create(string baseUrl) => Admin.PostJson("/api/admin/integrations", new
    {
        subAccountId = _tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "Guarded",
        config = new { apiKey = ApiKey, locationId = FakeGoHighLevel.NewLocationId(), baseUrl, syncIntervalMinutes = 0 },
    });

    public static IEnumerable<TestCaseData> LocalBaseUrls()
    {
        yield return Case("https://127.0.0.1/", "a loopback address");
        yield return Case("https://10.0.0.5/", "a private address");
        yield return Case("https://192.168.1.20:8443/", "a private address");
        yield return Case("https://169.254.1.1/", "a link-local address");
        yield return Case("https://169.254.169.254/latest/meta-data/", "a cloud metadata address");
        yield return Case("https://metadata.google.internal/", "a cloud metadata address");
        yield return Case("https://100.64.0.1/", "a carrier-grade NAT (shared) address");
        yield return Case("https://0.0.0.0/", "the unspecified address");
        yield return Case("https://[::1]/", "a loopback address");
        yield return Case("https://[fd00::1]/", "a private address");
        yield return Case("https://[fe80::1]/", "a link-local address");
        yield return Case("https://[fd00:ec2::254]/", "a cloud metadata address");
        yield return Case("https://[::ffff:127.0.0.1]/", "a loopback address");
        yield return Case("https://[::ffff:169.254.169.254]/", "a cloud metadata address");
        yield return Case("https://2130706433/", "a loopback address");
        yield return Case("https://0177.0.0.1/", "a loopback address");
        yield return Case("https://0x7f.0.0.1/", "a loopback address");
        yield return Case("https://localhost:8443/", "a loopback address");

        static TestCaseData Case(string url, string kind) => new TestCaseData(url, kind).SetName($"A baseUrl of {url} is refused as {kind}");
    }

    [TestCaseSource(nameof(LocalBaseUrls))]
    public async Task A_base_url_that_points_to_a_local_address_is_a_400_naming_the_field_and_the_rule(string baseUrl, string kind)
    {
        var problem = await (await Create(baseUrl)).ProblemAsync(HttpStatusCode.BadRequest);

        problem["errors"]!["config/baseUrl"]!.AsArray().Select(m => m!.GetValue<string>()).Should()
            .Equal($"Base URL must not point to {kind} (allowed only with IntegrationHub:Network:AllowPrivateTargets on).");
        problem.ToJsonString().Should().NotContain(ApiKey);
    }

    [Test]
    public async Task A_plain_http_base_url_is_a_400_when_http_is_not_allowed()
    {
        var problem = await (await Create("http://services.leadconnectorhq.com")).ProblemAsync(HttpStatusCode.BadRequest);

        problem["errors"]!["config/baseUrl"]!.AsArray().Select(m => m!.GetValue<string>()).Should()
            .Equal("Base URL must use https (plain http only with IntegrationHub:Network:AllowHttp on).");
    }

    [Test]
    public async Task A_public_https_base_url_is_accepted_and_cannot_later_be_changed_to_a_local_one()
    {
        var integration = await (await Create("https://services.leadconnectorhq.com")).Json(HttpStatusCode.Created);

        var problem = await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{integration.Id()}", new
        {
            config = new { baseUrl = "https://[::ffff:a9fe:a9fe]/", apiKey = ApiKey },
        })).ProblemAsync(HttpStatusCode.BadRequest);

        problem["errors"]!["config/baseUrl"]!.ToJsonString().Should().Contain("a cloud metadata address");
        (await Admin.GetJson($"/api/admin/integrations/{integration.Id()}"))["config"]!.Str("baseUrl")
            .Should().Be("https://services.leadconnectorhq.com");
    }
}
