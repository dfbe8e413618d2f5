using System.Text.Json;
using IntegrationHub.Application.Templates;

namespace IntegrationHub.Application.UnitTests;

public sealed class ConfigSchemaRulesTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Test]
    public void The_default_templates_have_valid_schemas()
    {
        foreach (var (name, details) in DefaultTemplates.All)
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
}
