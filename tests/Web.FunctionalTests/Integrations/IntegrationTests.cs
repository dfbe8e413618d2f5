using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Integrations;

[TestFixture]
public sealed class IntegrationTests : HubFixture
{
    private const string ApiKey = "pit-7f3c1e9a-super-secret-token";
    private Tenant _a = null!;
    private Tenant _b = null!;

    [OneTimeSetUp]
    public async Task CreateTenants()
    {
        _a = await App.CreateTenant("Integrations A");
        _b = await App.CreateTenant("Integrations B");
    }

    private async Task<JsonNode> CreateGhl(Tenant tenant, string apiKey = ApiKey, string? locationId = null, string name = "GHL")
    {
        locationId ??= "loc-" + Guid.NewGuid().ToString("N")[..10];
        var response = await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId,
            integrationTemplateId = GoHighLevelTemplateId,
            name,
            description = "Main location",
            config = new { apiKey, locationId, clientSecret = "oauth-client-secret-xyz" },
        });
        return await response.Json(HttpStatusCode.Created);
    }

    private JsonObject StoredPlainConfig(int integrationId)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var integration = db.Integrations.AsNoTracking().Single(i => i.Id == integrationId);
        return scope.ServiceProvider.GetRequiredService<IntegrationConfigEditor>()
            .Decrypt(integration.ConfigJson, integration.SubAccountId, integration.SecretScope);
    }

    [Test]
    public async Task Create_then_read_masked_then_update_keeps_or_replaces_the_secret()
    {
        var created = await CreateGhl(_a);
        created.Str("status").Should().Be("pending");
        created["isActive"]!.GetValue<bool>().Should().BeFalse();
        created.Str("templateName").Should().Be("gohighlevel");
        created["config"]!.Str("apiKey").Should().Be("********");
        created["config"]!.Str("clientSecret").Should().Be("********");
        created["config"]!.Str("locationId").Should().StartWith("loc-");
        created["config"]!.Str("baseUrl").Should().Be("https://services.leadconnectorhq.com", "schema defaults are applied");
        created["config"]!.Str("apiVersion").Should().Be("2021-07-28");
        created.ToJsonString().Should().NotContain(ApiKey).And.NotContain("enc:v1");
        var id = created.Id();

        var read = await Admin.GetJson($"/api/admin/integrations/{id}");
        read["config"]!.Str("apiKey").Should().Be("********");

        // Update without the secret (and with the mask echoed back): the stored secret stays.
        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { name = "Renamed", config = new { calendarId = "cal-1" } }))
            .Json(HttpStatusCode.OK);
        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { apiKey = "********" } }))
            .Json(HttpStatusCode.OK);
        var kept = StoredPlainConfig(id);
        kept["apiKey"]!.GetValue<string>().Should().Be(ApiKey);
        kept["calendarId"]!.GetValue<string>().Should().Be("cal-1");

        // Update with a new secret replaces it; null removes an optional one.
        var updated = await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}",
            new { config = new { apiKey = "pit-new-token-value", clientSecret = (string?)null } })).Json(HttpStatusCode.OK);
        updated.Str("name").Should().Be("Renamed");
        updated["config"]!.Str("apiKey").Should().Be("********");
        updated["config"]!["clientSecret"].Should().BeNull();
        var replaced = StoredPlainConfig(id);
        replaced["apiKey"]!.GetValue<string>().Should().Be("pit-new-token-value");
        replaced.ContainsKey("clientSecret").Should().BeFalse();
    }

    [Test]
    public async Task Removing_a_required_secret_is_a_400_and_keeps_the_stored_one()
    {
        var id = (await CreateGhl(_a, name: "Required secret")).Id();
        var problem = await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { apiKey = (string?)null } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["config/apiKey"].Should().NotBeNull();
        StoredPlainConfig(id)["apiKey"]!.GetValue<string>().Should().Be(ApiKey);
    }

    [Test]
    public async Task A_config_that_fails_the_schema_gets_one_error_per_path_and_stores_nothing()
    {
        var before = (await Admin.GetJson("/api/admin/integrations")).AsArray().Count;
        var problem = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = _a.SubAccountId,
            integrationTemplateId = GoHighLevelTemplateId,
            name = "Broken",
            config = new { apiKey = 12345, baseUrl = 7, syncIntervalMinutes = -5 },
        })).ProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.Should().Contain(["config/apiKey", "config/locationId"]);
        problem.ToJsonString().Should().NotContain("12345");

        var typed = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = _a.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "Broken 2",
            config = new { apiKey = "k", locationId = "l", baseUrl = 7, syncIntervalMinutes = -5 },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        typed["errors"]!.AsObject().Select(e => e.Key).Should().Contain(["config/baseUrl", "config/syncIntervalMinutes"]);

        (await Admin.GetJson("/api/admin/integrations")).AsArray().Count.Should().Be(before);
    }

    [Test]
    public async Task Unknown_references_and_inactive_templates_are_refused()
    {
        var facebook = (await App.Anonymous().GetJson("/api/integration-templates")).AsArray()
            .Single(t => t!.Str("name") == "facebook_ads")!.Id();
        object Body(int subAccountId, int templateId) => new
        {
            subAccountId, integrationTemplateId = templateId, name = "X", config = new { apiKey = "k", locationId = "l" },
        };

        await (await Admin.PostJson("/api/admin/integrations", Body(_a.SubAccountId, 98765))).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostJson("/api/admin/integrations", Body(98765, GoHighLevelTemplateId))).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostJson("/api/admin/integrations", Body(_a.SubAccountId, facebook))).ProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.PostJson("/api/admin/integrations", new { subAccountId = _a.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "X", config = "str" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await Admin.PostJson("/api/admin/integrations", new { subAccountId = _a.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, config = new { } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Status_moves_follow_the_state_machine()
    {
        var id = (await CreateGhl(_a, name: "Status")).Id();
        async Task<HttpResponseMessage> Move(string status, string? errorMessage = null) =>
            await Admin.PostJson($"/api/admin/integrations/{id}/status", new { status, errorMessage });

        await (await Move("disconnected")).Json(HttpStatusCode.OK);
        var active = await (await Move("active")).Json(HttpStatusCode.OK);
        active.Str("status").Should().Be("active");
        active["isActive"]!.GetValue<bool>().Should().BeTrue();

        await (await Move("pending")).ProblemAsync(HttpStatusCode.Conflict);
        await (await Move("active")).ProblemAsync(HttpStatusCode.Conflict);
        await (await Move("paused")).ProblemAsync(HttpStatusCode.BadRequest);

        var failed = await (await Move("error", "Token revoked")).Json(HttpStatusCode.OK);
        failed.Str("errorMessage").Should().Be("Token revoked");
        failed["isActive"]!.GetValue<bool>().Should().BeFalse();

        (await Admin.GetJson($"/api/admin/integrations?status=error&subAccountId={_a.SubAccountId}")).AsArray()
            .Select(i => i!.Id()).Should().Contain(id);
        (await Admin.GetJson($"/api/admin/integrations?status=active&subAccountId={_a.SubAccountId}")).AsArray()
            .Select(i => i!.Id()).Should().NotContain(id);
        await (await Admin.GetAsync("/api/admin/integrations?status=bogus")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Admin_list_filters_by_template_and_delete_removes()
    {
        var id = (await CreateGhl(_b, name: "To delete")).Id();
        (await Admin.GetJson("/api/admin/integrations?template=gohighlevel")).AsArray().Select(i => i!.Id()).Should().Contain(id);
        (await Admin.GetJson("/api/admin/integrations?template=facebook_ads")).AsArray().Should().BeEmpty();

        (await Admin.DeleteAsync($"/api/admin/integrations/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await Admin.GetAsync($"/api/admin/integrations/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.DeleteAsync($"/api/admin/integrations/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Tenants_see_only_their_own_integrations()
    {
        var ofA = (await CreateGhl(_a, name: "Isolation A")).Id();
        var ofB = (await CreateGhl(_b, name: "Isolation B")).Id();

        var listA = (await _a.Client.GetJson("/api/integrations")).AsArray();
        listA.Select(i => i!.Id()).Should().Contain(ofA).And.NotContain(ofB);
        listA.Should().OnlyContain(i => i!["subAccountId"]!.GetValue<int>() == _a.SubAccountId);
        listA.Single(i => i!.Id() == ofA)!["config"]!.Str("apiKey").Should().Be("********");

        (await _a.Client.GetJson($"/api/integrations/{ofA}")).Str("name").Should().Be("Isolation A");
        await (await _a.Client.GetAsync($"/api/integrations/{ofB}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _b.Client.GetAsync($"/api/integrations/{ofA}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await App.Anonymous().GetAsync("/api/integrations")).ProblemAsync(HttpStatusCode.Unauthorized);

        // Every admin integration route is closed to tenants, whoever owns the integration.
        foreach (var (method, url) in new[]
        {
            ("GET", "/api/admin/integrations"), ("GET", $"/api/admin/integrations/{ofA}"), ("PUT", $"/api/admin/integrations/{ofA}"),
            ("DELETE", $"/api/admin/integrations/{ofA}"), ("POST", $"/api/admin/integrations/{ofA}/status"),
            ("POST", "/api/admin/integrations"), ("POST", "/api/admin/encryption/reencrypt"),
        })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { status = "active" }) };
            (await _a.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {url}");
            request = new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { status = "active" }) };
            (await App.Anonymous().SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{method} {url}");
        }

        (await _a.Client.GetJson($"/api/integrations/{ofA}")).Str("status").Should().Be("pending", "nothing above changed it");
    }

    [Test]
    [Category(TestCategories.SqliteOnly)]
    public async Task No_plaintext_secret_reaches_the_database_file_or_the_logs()
    {
        const string unique = "pit-plaintext-canary-5d1e0b";
        var id = (await CreateGhl(_a, apiKey: unique, name: "Canary")).Id();
        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { apiKey = unique + "-2" } })).Json(HttpStatusCode.OK);
        // A bad update that mentions the secret must not echo it either.
        var problem = await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { apiKey = unique + "-3", locationId = 5 } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        problem.ToJsonString().Should().NotContain(unique);

        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        foreach (var file in Directory.GetFiles(App.DataDirectory, "integrationhub.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            System.Text.Encoding.UTF8.GetString(bytes).Should().NotContain(unique, $"{Path.GetFileName(file)} holds only ciphertext");
        }

        App.Logs.All.Should().NotContain(unique);
        StoredPlainConfig(id)["apiKey"]!.GetValue<string>().Should().Be(unique + "-2");
    }
}
