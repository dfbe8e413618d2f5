using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Integrations;

/// <summary>
/// What keeps secrets secret and configs usable when templates change: stored secrets never turn plain, the mask
/// is never stored, schema references resolve inside the schema, secrets only go to hosts they were entered for,
/// and one location belongs to one integration.
/// </summary>
[TestFixture]
public sealed class ConfigSafetyTests : HubFixture
{
    private const string ApiKey = "pit-config-safety-canary-41c9";
    private const string ClientSecret = "oauth-client-secret-canary-77ab";
    private Tenant _tenant = null!;

    [OneTimeSetUp]
    public async Task CreateTenant() => _tenant = await App.CreateTenant("Config safety");

    /// <summary>A template of our own, shaped like GoHighLevel's: two secrets, a plain field, a base URL.</summary>
    private async Task<(int Id, JsonObject Schema)> Template()
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("apiKey", "locationId"),
            ["properties"] = new JsonObject
            {
                ["apiKey"] = new JsonObject { ["type"] = "string", ["format"] = "password" },
                ["clientSecret"] = new JsonObject { ["type"] = "string", ["writeOnly"] = true },
                ["locationId"] = new JsonObject { ["type"] = "string" },
                ["calendarId"] = new JsonObject { ["type"] = "string" },
                ["baseUrl"] = new JsonObject { ["type"] = "string", ["default"] = "https://services.leadconnectorhq.com" },
            },
        };
        var created = await (await Admin.PostJson("/api/admin/integration-templates", new
        {
            name = "safety_" + Guid.NewGuid().ToString("N")[..8], displayName = "Safety", category = "CRM", configSchema = schema,
        })).Json(HttpStatusCode.Created);
        return (created.Id(), schema);
    }

    private async Task<int> Integration(int templateId, object config) =>
        (await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = _tenant.SubAccountId, integrationTemplateId = templateId, name = "Safety " + Guid.NewGuid().ToString("N")[..4], config,
        })).Json(HttpStatusCode.Created)).Id();

    private static string Location() => "loc-" + Guid.NewGuid().ToString("N")[..10];

    private string StoredConfig(int integrationId)
    {
        using var scope = App.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>().Integrations.AsNoTracking().Single(i => i.Id == integrationId).ConfigJson;
    }

    private JsonObject PlainConfig(int integrationId)
    {
        using var scope = App.Services.CreateScope();
        var integration = scope.ServiceProvider.GetRequiredService<AppDbContext>().Integrations.AsNoTracking().Single(i => i.Id == integrationId);
        return scope.ServiceProvider.GetRequiredService<IntegrationConfigEditor>()
            .Decrypt(integration.ConfigJson, integration.SubAccountId, integration.SecretScope);
    }

    private Task<HttpResponseMessage> PutTemplateSchema(int templateId, JsonObject schema) =>
        Admin.PutAsJsonAsync($"/api/admin/integration-templates/{templateId}", new { configSchema = schema });

    [Test]
    public async Task A_template_edit_that_would_turn_a_stored_secret_plain_is_409_naming_the_integration_and_changes_nothing()
    {
        var (templateId, schema) = await Template();
        var id = await Integration(templateId, new { apiKey = ApiKey, clientSecret = ClientSecret, locationId = Location() });

        var plain = (JsonObject)schema.DeepClone();
        plain["properties"]!["apiKey"] = new JsonObject { ["type"] = "string" };
        var problem = await (await PutTemplateSchema(templateId, plain)).ProblemAsync(HttpStatusCode.Conflict);
        problem.Str("detail").Should().Contain($"#{id}").And.Contain("apiKey").And.NotContain(ApiKey);

        (await App.Anonymous().GetJson($"/api/integration-templates/{templateId}"))["configSchema"]!["properties"]!["apiKey"]!
            .Str("format").Should().Be("password", "the template is unchanged");
        var read = await Admin.GetJson($"/api/admin/integrations/{id}");
        read["config"]!.Str("apiKey").Should().Be("********");
        read["config"]!.Str("clientSecret").Should().Be("********");

        // Even a config update through the old path keeps it encrypted, and an echoed mask keeps the stored value.
        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { apiKey = "********", calendarId = "cal-9" } }))
            .Json(HttpStatusCode.OK);
        StoredConfig(id).Should().NotContain(ApiKey).And.NotContain(ClientSecret).And.NotContain("********");
        PlainConfig(id)["apiKey"]!.GetValue<string>().Should().Be(ApiKey);
    }

    [Test]
    public async Task A_template_edit_that_would_leave_a_config_invalid_is_409_and_a_compatible_one_updates_the_configs()
    {
        var (templateId, schema) = await Template();
        var id = await Integration(templateId, new { apiKey = ApiKey, locationId = Location(), calendarId = "cal-1" });

        var stricter = (JsonObject)schema.DeepClone();
        stricter["required"] = new JsonArray("apiKey", "locationId", "region");
        stricter["properties"]!["region"] = new JsonObject { ["type"] = "string" };
        var problem = await (await PutTemplateSchema(templateId, stricter)).ProblemAsync(HttpStatusCode.Conflict);
        problem.Str("detail").Should().Contain($"#{id}").And.Contain("region");

        // Compatible: calendarId becomes a secret (its stored value gets encrypted), region gets a default.
        var compatible = (JsonObject)schema.DeepClone();
        compatible["properties"]!["calendarId"] = new JsonObject { ["type"] = "string", ["format"] = "password" };
        compatible["properties"]!["region"] = new JsonObject { ["type"] = "string", ["default"] = "eu" };
        await (await PutTemplateSchema(templateId, compatible)).Json(HttpStatusCode.OK);

        var read = await Admin.GetJson($"/api/admin/integrations/{id}");
        read["config"]!.Str("calendarId").Should().Be("********", "a value the template now marks secret is encrypted at once");
        read["config"]!.Str("region").Should().Be("eu");
        StoredConfig(id).Should().NotContain("cal-1").And.NotContain(ApiKey);
        PlainConfig(id)["calendarId"]!.GetValue<string>().Should().Be("cal-1");
    }

    [Test]
    public async Task The_mask_is_never_stored_as_a_value()
    {
        var (templateId, _) = await Template();
        var before = (await Admin.GetJson("/api/admin/integrations")).AsArray().Count;
        var create = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = _tenant.SubAccountId, integrationTemplateId = templateId, name = "Masked", config = new { apiKey = "********", locationId = Location() },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        create["errors"]!["config/apiKey"].Should().NotBeNull();
        (await Admin.GetJson("/api/admin/integrations")).AsArray().Count.Should().Be(before);

        var id = await Integration(templateId, new { apiKey = ApiKey, locationId = Location() });
        var stored = StoredConfig(id);
        var secretNotStored = await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { clientSecret = "********" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        secretNotStored["errors"]!["config/clientSecret"].Should().NotBeNull();
        var plainField = await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { calendarId = "********" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        plainField["errors"]!["config/calendarId"].Should().NotBeNull();
        StoredConfig(id).Should().Be(stored, "a refused update changes nothing");
    }

    [TestCase("""{"type":"object","properties":{"a":{"$ref":"https://example.com/x.json"}}}""", "configSchema/properties/a/$ref")]
    [TestCase("""{"type":"object","properties":{"a":{"$ref":"#/$defs/missing"}}}""", "configSchema/properties/a/$ref")]
    [TestCase("""{"type":"object","$ref":"#"}""", "configSchema")]
    public async Task A_schema_reference_that_does_not_resolve_inside_it_is_400_at_save(string schema, string key)
    {
        var problem = await (await Admin.PostJson("/api/admin/integration-templates", new
        {
            name = "refs_" + Guid.NewGuid().ToString("N")[..8], displayName = "Refs", category = "CRM", configSchema = JsonNode.Parse(schema),
        })).ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![key].Should().NotBeNull(problem.ToJsonString());
    }

    [Test]
    public async Task Local_references_validate_configs_and_a_template_stored_with_a_broken_one_is_409_not_500()
    {
        var template = await (await Admin.PostJson("/api/admin/integration-templates", new
        {
            name = "refs_" + Guid.NewGuid().ToString("N")[..8], displayName = "Refs", category = "CRM",
            configSchema = JsonNode.Parse("""
                {"type":"object","$defs":{"port":{"type":"integer","minimum":1}},"properties":{"port":{"$ref":"#/$defs/port"}}}
                """),
        })).Json(HttpStatusCode.Created);
        var bad = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = _tenant.SubAccountId, integrationTemplateId = template.Id(), name = "Port", config = new { port = 0 },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        bad["errors"]!["config/port"].Should().NotBeNull();
        await Integration(template.Id(), new { port = 8080 });

        // A template saved before references were checked (written straight to the database here).
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.ExecuteSqlAsync($"""UPDATE "IntegrationTemplates" SET "ConfigSchema" = {"""{"type":"object","properties":{"a":{"$ref":"https://example.com/x.json"}}}"""} WHERE "Id" = {template.Id()}""");
        }

        await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = _tenant.SubAccountId, integrationTemplateId = template.Id(), name = "Legacy", config = new { a = 1 },
        })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [TestCase("not a url")]
    [TestCase("file:///etc/passwd")]
    [TestCase("ftp://example.com")]
    // Plain http and private targets are refused by the outbound address guard (OutboundAddressGuardTests); this app allows them.
    public async Task A_base_url_must_be_an_absolute_web_url(string baseUrl)
    {
        var (templateId, _) = await Template();
        var problem = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = _tenant.SubAccountId, integrationTemplateId = templateId, name = "Base", config = new { apiKey = ApiKey, locationId = Location(), baseUrl },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["config/baseUrl"].Should().NotBeNull();
    }

    [Test]
    public async Task Changing_the_base_url_requires_every_stored_secret_again()
    {
        var (templateId, _) = await Template();
        var id = await Integration(templateId, new { apiKey = ApiKey, clientSecret = ClientSecret, locationId = Location(), baseUrl = "http://127.0.0.1:9" });
        var stored = StoredConfig(id);

        var problem = await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { baseUrl = "https://evil.example.com", apiKey = "********" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["config/apiKey", "config/clientSecret"]);
        StoredConfig(id).Should().Be(stored);

        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new
        {
            config = new { baseUrl = "https://crm.example.com", apiKey = ApiKey + "-new", clientSecret = (string?)null },
        })).Json(HttpStatusCode.OK);
        var plain = PlainConfig(id);
        plain["baseUrl"]!.GetValue<string>().Should().Be("https://crm.example.com");
        plain["apiKey"]!.GetValue<string>().Should().Be(ApiKey + "-new");
        plain.ContainsKey("clientSecret").Should().BeFalse();
    }

    [Test]
    public async Task A_location_belongs_to_one_integration_across_tenants()
    {
        var (templateId, _) = await Template();
        var location = Location();
        var first = await Integration(templateId, new { apiKey = ApiKey, locationId = location });

        var other = await App.CreateTenant("Other tenant");
        var problem = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = other.SubAccountId, integrationTemplateId = templateId, name = "Same location", config = new { apiKey = ApiKey, locationId = location },
        })).ProblemAsync(HttpStatusCode.Conflict);
        problem.Str("detail").Should().Contain(location);

        var second = await Integration(templateId, new { apiKey = ApiKey, locationId = Location() });
        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{second}", new { config = new { locationId = location } }))
            .ProblemAsync(HttpStatusCode.Conflict);

        (await Admin.DeleteAsync($"/api/admin/integrations/{first}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{second}", new { config = new { locationId = location } })).Json(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_database_itself_refuses_a_second_integration_for_a_location()
    {
        var (templateId, _) = await Template();
        var location = Location();
        var first = await Integration(templateId, new { apiKey = ApiKey, locationId = location });
        var second = await Integration(templateId, new { apiKey = ApiKey, locationId = Location() });

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var write = () => db.Database.ExecuteSqlAsync($"""UPDATE "Integrations" SET "ExternalAccountId" = {location} WHERE "Id" = {second}""");
        await write.Should().ThrowAsync<System.Data.Common.DbException>()
            .Where(e => e.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase), "the unique index (SQLite: UNIQUE, PostgreSQL: unique constraint) refuses it");
        first.Should().NotBe(second);
    }
}
