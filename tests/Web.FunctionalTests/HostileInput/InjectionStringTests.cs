using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.HostileInput;

/// <summary>
/// SQL, script, template and shell injection strings (Data/hostile/strings.json) in every text field of every route
/// that creates something: valid input, stored verbatim and read back byte for byte, never executed. Control
/// characters may instead be refused with a 400; nothing is ever a 500.
/// </summary>
[TestFixture]
public sealed class InjectionStringTests
{
    private HubApp _app = null!;
    private HttpClient _admin = null!;
    private Tenant _tenant = null!;
    private int _templateId;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = new HubApp();
        _admin = _app.Admin();
        _tenant = await _app.CreateTenant("Injection");
        _templateId = (await (await _admin.PostJson("/api/admin/integration-templates", new
        {
            name = "injection", displayName = "Injection", category = "Test", configSchema = new { type = "object" },
        })).Json(HttpStatusCode.Created)).Id();
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private static IEnumerable<TestCaseData> Strings() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "hostile", "strings.json")))!["strings"]!.AsArray()
            .Select((s, i) => new TestCaseData(s!.GetValue<string>()).SetArgDisplayNames($"string {i:00}"));

    /// <summary>A route that creates something from text, and where the text comes back.</summary>
    private sealed record Writer(string What, Func<string, Task<HttpResponseMessage>> Create, Func<JsonNode, Task<JsonNode>> ReadBack, string[] Fields);

    private IEnumerable<Writer> Writers()
    {
        var n = Guid.NewGuid().ToString("N")[..8];
        yield return new("sub-account", s => _admin.PostJson("/api/admin/sub-accounts", new { name = s }),
            created => _admin.GetJson($"/api/admin/sub-accounts/{created.Id()}"), ["name"]);
        yield return new("user", s => _admin.PostJson($"/api/admin/sub-accounts/{_tenant.SubAccountId}/users", new { email = $"u{n}@inj.test", name = s }),
            created => _admin.GetJson($"/api/admin/users/{created.Id()}"), ["name"]);
        yield return new("admin", s => _admin.PostJson("/api/admin/admins", new { email = $"a{n}@inj.test", name = s }),
            async created => (await _admin.GetJson("/api/admin/admins")).AsArray().Single(a => a!.Id() == created.Id())!, ["name"]);
        yield return new("strategy", s => _admin.PostJson($"/api/admin/users/{_tenant.UserId}/strategies", new { name = s }),
            created => Task.FromResult(created), ["name"]);
        yield return new("lead", s => _tenant.Client.PostJson("/api/leads", new { name = s, company = s, city = s, address = s }),
            created => _tenant.Client.GetJson($"/api/leads/{created.Id()}"), ["name", "company", "city", "address"]);
        yield return new("template", s => _admin.PostJson("/api/admin/integration-templates", new
            {
                name = "t_" + n, displayName = s, description = s, category = s, setupInstructions = s, configSchema = new { type = "object" },
            }),
            created => _app.Anonymous().GetJson($"/api/integration-templates/{created.Id()}"), ["displayName", "description", "category", "setupInstructions"]);
        yield return new("integration", s => _admin.PostJson("/api/admin/integrations", new
            {
                subAccountId = _tenant.SubAccountId, integrationTemplateId = _templateId, name = s, description = s, config = new { note = s },
            }),
            created => _admin.GetJson($"/api/admin/integrations/{created.Id()}"), ["name", "description"]);
    }

    [TestCaseSource(nameof(Strings))]
    public async Task Is_stored_verbatim_in_every_text_field_or_refused_with_a_400(string hostile)
    {
        var controlCharacters = hostile.Any(c => char.IsControl(c));
        foreach (var writer in Writers())
        {
            using var response = await writer.Create(hostile);
            if (response.StatusCode == HttpStatusCode.BadRequest && controlCharacters)
            {
                (await response.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail").Should().NotBeNullOrEmpty();
                continue;
            }

            var created = await response.Json(HttpStatusCode.Created);
            var stored = await writer.ReadBack(created);
            foreach (var field in writer.Fields)
            {
                stored[field]!.GetValue<string>().Should().Be(hostile, $"{writer.What}.{field} comes back as sent");
            }
        }

        // The tables the strings talk about are all still there and answering.
        (await _admin.GetAsync("/api/admin/sub-accounts")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _tenant.Client.GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.Anonymous().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
