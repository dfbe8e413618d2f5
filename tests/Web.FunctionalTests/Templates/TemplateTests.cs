using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Templates;

[TestFixture]
public sealed class TemplateTests : HubFixture
{
    private static object ValidTemplate(string name) => new
    {
        name,
        displayName = "Pipedrive CRM",
        description = "Deals and persons",
        category = "CRM",
        icon = "pipedrive",
        isActive = true,
        configSchema = new
        {
            type = "object",
            required = new[] { "apiToken" },
            properties = new
            {
                apiToken = new { type = "string", format = "password" },
                domain = new { type = "string", @default = "api.pipedrive.com" },
            },
        },
        setupInstructions = "# Pipedrive\n\nPaste your API token.",
        webhookUrl = "https://hub.example.com/api/webhook",
        apiVersion = "v1",
    };

    private async Task<int> TemplateCount() => (await App.Anonymous().GetJson("/api/integration-templates")).AsArray().Count;

    [Test]
    public async Task Default_templates_are_seeded_and_readable_by_anyone()
    {
        var list = (await App.Anonymous().GetJson("/api/integration-templates")).AsArray();
        var names = list.Select(t => t!.Str("name")).ToList();
        names.Should().Contain(["gohighlevel", "facebook_ads", "google_analytics"]);

        var ghl = list.Single(t => t!.Str("name") == "gohighlevel")!;
        ghl["isActive"]!.GetValue<bool>().Should().BeTrue();
        ghl.Str("category").Should().Be("CRM");
        ghl["integrationCount"]!.GetValue<int>().Should().Be(0);
        list.Single(t => t!.Str("name") == "facebook_ads")!["isActive"]!.GetValue<bool>().Should().BeFalse();
        list.Single(t => t!.Str("name") == "google_analytics")!.Str("category").Should().Be("Analytics");

        var one = await App.Anonymous().GetJson($"/api/integration-templates/{ghl.Id()}");
        var properties = one["configSchema"]!["properties"]!;
        properties["apiKey"]!.Str("format").Should().Be("password");
        properties["clientSecret"]!.Str("format").Should().Be("password");
        properties["baseUrl"]!.Str("default").Should().Be("https://services.leadconnectorhq.com");
        properties["apiVersion"]!.Str("default").Should().Be("2021-07-28");
        one.Str("setupInstructions").Should().StartWith("# Connect GoHighLevel");
    }

    [Test]
    public async Task Admin_creates_reads_updates_and_deletes_a_template()
    {
        var created = await Admin.PostJson("/api/admin/integration-templates", ValidTemplate("pipedrive"));
        var body = await created.Json(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be($"/api/integration-templates/{body.Id()}");
        body.Str("displayName").Should().Be("Pipedrive CRM");
        body["createdByAdminId"]!.GetValue<int>().Should().BePositive();
        body["configSchema"]!["properties"]!["apiToken"]!.Str("format").Should().Be("password");

        var read = await App.Anonymous().GetJson($"/api/integration-templates/{body.Id()}");
        read.Str("setupInstructions").Should().Contain("Paste your API token.");
        read.Str("webhookUrl").Should().Be("https://hub.example.com/api/webhook");

        var updated = await (await Admin.PutAsJsonAsync($"/api/admin/integration-templates/{body.Id()}",
            new { displayName = "Pipedrive", isActive = false })).Json(HttpStatusCode.OK);
        updated.Str("displayName").Should().Be("Pipedrive");
        updated["isActive"]!.GetValue<bool>().Should().BeFalse();
        updated.Str("category").Should().Be("CRM", "fields left out keep their value");

        (await Admin.DeleteAsync($"/api/admin/integration-templates/{body.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await App.Anonymous().GetAsync($"/api/integration-templates/{body.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Duplicate_name_is_a_409_and_writes_nothing()
    {
        (await Admin.PostJson("/api/admin/integration-templates", ValidTemplate("twice"))).StatusCode.Should().Be(HttpStatusCode.Created);
        var before = await TemplateCount();

        var problem = await (await Admin.PostJson("/api/admin/integration-templates", ValidTemplate("twice"))).ProblemAsync(HttpStatusCode.Conflict);
        problem.Str("detail").Should().Contain("twice");
        (await TemplateCount()).Should().Be(before);
    }

    [TestCase("""{"type":"objekt"}""", "configSchema/type")]
    [TestCase("""{"type":"object","properties":{"a":{"minLength":"three"}}}""", "configSchema/properties/a/minLength")]
    [TestCase("""{"type":"string"}""", "configSchema/type")]
    [TestCase("""{"properties":{}}""", "configSchema/type")]
    [TestCase("""[1,2]""", "configSchema")]
    public async Task Invalid_config_schema_is_a_400_with_errors_per_path(string schema, string expectedKey)
    {
        var before = await TemplateCount();
        var body = $$"""{"name":"bad_schema","displayName":"Bad","category":"CRM","configSchema":{{schema}}}""";

        var problem = await (await Admin.PostRaw("/api/admin/integration-templates", body)).ProblemAsync(HttpStatusCode.BadRequest);

        problem.Str("type").Should().EndWith("/validation");
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Contain(expectedKey);
        (await TemplateCount()).Should().Be(before);
    }

    [TestCase("""{"name":"Not A Slug","displayName":"X","category":"CRM","configSchema":{"type":"object"}}""", "name")]
    [TestCase("""{"name":"ok_name","category":"CRM","configSchema":{"type":"object"}}""", "displayName")]
    [TestCase("""{"name":"ok_name","displayName":"X","category":"CRM"}""", "configSchema")]
    [TestCase("""{"name":"ok_name","displayName":"X","category":"CRM","configSchema":{"type":"object"},"webhookUrl":"ftp://x"}""", "webhookUrl")]
    public async Task Missing_or_invalid_fields_are_a_400_naming_the_field(string body, string field)
    {
        var problem = await (await Admin.PostRaw("/api/admin/integration-templates", body)).ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].Should().NotBeNull();
    }

    [TestCase("{not json")]
    [TestCase("""{"name":12,"displayName":"X","category":"CRM","configSchema":{"type":"object"}}""")]
    [TestCase("""{"name":"n","isActive":"yes"}""")]
    [TestCase("")]
    public async Task Malformed_or_wrongly_typed_json_is_a_400_problem(string body)
    {
        var before = await TemplateCount();
        await (await Admin.PostRaw("/api/admin/integration-templates", body)).ProblemAsync(HttpStatusCode.BadRequest);
        (await TemplateCount()).Should().Be(before);
    }

    [Test]
    public async Task Oversized_body_is_a_413_problem()
    {
        var huge = "{\"name\":\"huge\",\"displayName\":\"" + new string('x', 1_200_000) + "\",\"category\":\"CRM\",\"configSchema\":{\"type\":\"object\"}}";
        await (await Admin.PostRaw("/api/admin/integration-templates", huge)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Update_or_delete_of_an_unknown_template_is_a_404()
    {
        await (await Admin.PutAsJsonAsync("/api/admin/integration-templates/99999", new { displayName = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.DeleteAsync("/api/admin/integration-templates/99999")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Update_with_an_invalid_schema_is_refused_and_keeps_the_old_one()
    {
        var created = await (await Admin.PostJson("/api/admin/integration-templates", ValidTemplate("keep_schema"))).Json(HttpStatusCode.Created);
        await (await Admin.PutAsJsonAsync($"/api/admin/integration-templates/{created.Id()}",
            new { configSchema = new { type = "array" } })).ProblemAsync(HttpStatusCode.BadRequest);

        var read = await App.Anonymous().GetJson($"/api/integration-templates/{created.Id()}");
        read["configSchema"]!.Str("type").Should().Be("object");
    }

    [Test]
    public async Task A_template_in_use_cannot_be_deleted()
    {
        var template = await (await Admin.PostJson("/api/admin/integration-templates", ValidTemplate("in_use"))).Json(HttpStatusCode.Created);
        var tenant = await App.CreateTenant("In use");
        await App.AddIntegration(tenant.SubAccountId, template.Id());

        var read = await App.Anonymous().GetJson($"/api/integration-templates/{template.Id()}");
        read["integrationCount"]!.GetValue<int>().Should().Be(1);
        await (await Admin.DeleteAsync($"/api/admin/integration-templates/{template.Id()}")).ProblemAsync(HttpStatusCode.Conflict);
        (await App.Anonymous().GetAsync($"/api/integration-templates/{template.Id()}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
