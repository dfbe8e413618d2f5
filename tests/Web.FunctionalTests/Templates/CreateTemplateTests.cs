using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Web.FunctionalTests.Support;
using static IntegrationHub.Web.FunctionalTests.Support.TemplateBodies;

namespace IntegrationHub.Web.FunctionalTests.Templates;

/// <summary>
/// An admin creates a template (CreateTemplate; the first test follows it through read, update and delete); a duplicate
/// name, an invalid schema or field, malformed JSON and an oversized body are refused and write nothing.
/// </summary>
[TestFixture]
public sealed class CreateTemplateTests : HubFixture
{
    private async Task<int> TemplateCount() => (await App.Anonymous().GetJson("/api/integration-templates")).AsArray().Count;

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
}
