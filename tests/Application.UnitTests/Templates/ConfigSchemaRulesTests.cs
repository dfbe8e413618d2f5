using System.Text.Json;
using IntegrationHub.Application.Templates;

namespace IntegrationHub.Application.UnitTests.Templates;

public sealed class ConfigSchemaRulesTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Test]
    public void The_default_templates_have_valid_schemas()
    {
        foreach (var (name, _, details) in DefaultTemplates.All)
        {
            ConfigSchemaRules.Check(Json(details.ConfigSchema)).Should().BeEmpty(name);
        }
    }

    [Test]
    public void Secret_properties_are_those_with_password_format_or_write_only()
    {
        var ghl = DefaultTemplates.All.Single(t => t.Name == DefaultTemplates.GoHighLevel).Details.ConfigSchema;
        ConfigSchemaRules.SecretProperties(Json(ghl)).Should().BeEquivalentTo(["apiKey", "clientSecret", "refreshToken"]);
    }

    [TestCase("""{"type":"object","properties":{"a":{"type":"strin"}}}""", "configSchema/properties/a/type")]
    [TestCase("""{"type":"object","required":"a"}""", "configSchema/required")]
    [TestCase("""{"type":"array"}""", "configSchema/type")]
    [TestCase("\"object\"", "configSchema")]
    public void Invalid_schemas_are_reported_by_path(string schema, string key) =>
        ConfigSchemaRules.Check(Json(schema)).Keys.Should().Contain(key);

    [Test]
    public void Two_schemas_with_the_same_id_do_not_collide()
    {
        const string schema = """{"$id":"https://example.com/s","type":"object"}""";
        ConfigSchemaRules.Check(Json(schema)).Should().BeEmpty();
        ConfigSchemaRules.Check(Json(schema)).Should().BeEmpty();
    }

    [TestCase("""{"type":"object","properties":{"a":{"$ref":"https://example.com/x.json"}}}""", "configSchema/properties/a/$ref")]
    [TestCase("""{"type":"object","$ref":"https://example.com/x.json"}""", "configSchema/$ref")]
    [TestCase("""{"type":"object","properties":{"a":{"$ref":"#/$defs/missing"}}}""", "configSchema/properties/a/$ref")]
    [TestCase("""{"type":"object","properties":{"a":{"$ref":"#nowhere"}}}""", "configSchema/properties/a/$ref")]
    [TestCase("""{"type":"object","properties":{"a":{"$ref":"other.json#/x"}}}""", "configSchema/properties/a/$ref")]
    public void References_that_do_not_resolve_inside_the_schema_are_errors_at_their_path(string schema, string key) =>
        ConfigSchemaRules.Check(Json(schema)).Keys.Should().Contain(key);

    // Evaluating these never ends (JsonSchema.Net overflowed the stack and killed the process): refused when saved.
    [TestCase("""{"type":"object","$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"properties":{"x":{"$ref":"#/$defs/a"}}}""", "configSchema/$defs/a")]
    [TestCase("""{"type":"object","$defs":{"a":{"$ref":"#/$defs/a"}}}""", "configSchema/$defs/a")]
    [TestCase("""{"type":"object","allOf":[{"$ref":"#"}]}""", "configSchema")]
    [TestCase("""{"type":"object","$defs":{"a":{"$anchor":"loop","not":{"$ref":"#loop"}}}}""", "configSchema/$defs/a")]
    [TestCase("""{"type":"object","$defs":{"a":{"anyOf":[{"type":"string"},{"if":{"$ref":"#/$defs/a"}}]}}}""", "configSchema/$defs/a")]
    public void References_that_loop_without_going_into_the_data_are_errors(string schema, string key) =>
        ConfigSchemaRules.Check(Json(schema)).Keys.Should().ContainSingle().Which.Should().StartWith(key, "the error names a schema on the loop");

    [TestCase("""{"type":"object","$defs":{"port":{"type":"integer"}},"properties":{"a":{"$ref":"#/$defs/port"}}}""")]
    [TestCase("""{"type":"object","$defs":{"node":{"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},"properties":{"tree":{"$ref":"#/$defs/node"}}}""")]
    [TestCase("""{"type":"object","$defs":{"a":{"$ref":"#/$defs/b"},"b":{"type":"string"}},"allOf":[{"properties":{"x":{"$ref":"#/$defs/a"}}}]}""")]
    [TestCase("""{"type":"object","$defs":{"p":{"$anchor":"port","type":"integer"}},"properties":{"a":{"$ref":"#port"}}}""")]
    [TestCase("""{"type":"object","properties":{"child":{"$ref":"#"}}}""")]
    [TestCase("""{"type":"object","properties":{"a":{"const":{"$ref":"https://example.com/data"}}}}""")]
    public void References_inside_the_schema_are_accepted(string schema) =>
        ConfigSchemaRules.Check(Json(schema)).Should().BeEmpty();

    [Test]
    public void A_schema_with_local_references_evaluates_configs()
    {
        var schema = ConfigSchemaRules.Build(Json("""
            {"type":"object","$defs":{"port":{"type":"integer","minimum":1}},"properties":{"a":{"$ref":"#/$defs/port"},"child":{"$ref":"#"}}}
            """));
        schema.Evaluate(Json("""{"a":5,"child":{"a":2}}""")).IsValid.Should().BeTrue();
        schema.Evaluate(Json("""{"a":0}""")).IsValid.Should().BeFalse();
        schema.Evaluate(Json("""{"child":{"a":"x"}}""")).IsValid.Should().BeFalse();
    }

    [Test]
    public void New_gohighlevel_integrations_sync_contacts_daily_by_default()
    {
        var ghl = Json(DefaultTemplates.All.Single(t => t.Name == DefaultTemplates.GoHighLevel).Details.ConfigSchema);
        ghl.GetProperty("properties").GetProperty("syncIntervalMinutes").GetProperty("default").GetInt32().Should().Be(1440);
    }
}
