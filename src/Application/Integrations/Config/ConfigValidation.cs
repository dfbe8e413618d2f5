using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Json;
using IntegrationHub.Application.Templates;

namespace IntegrationHub.Application.Integrations;

/// <summary>A merged config checked against its template's schema: defaults applied, one error per failing path, secrets never quoted.</summary>
internal static class ConfigValidation
{
    internal static void ApplyDefaults(JsonObject plain, JsonElement schema)
    {
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in properties.EnumerateObject())
        {
            if (!plain.ContainsKey(property.Name) && property.Value.ValueKind == JsonValueKind.Object
                && property.Value.TryGetProperty("default", out var defaultValue))
            {
                plain[property.Name] = JsonNode.Parse(defaultValue.GetRawText());
            }
        }
    }

    internal static void Validate(JsonObject plain, JsonElement schema, IReadOnlySet<string> secrets, Dictionary<string, List<string>> errors)
    {
        var labels = new ConfigLabels(schema);
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()).OfType<string>())
            {
                if (!plain.ContainsKey(name) && !errors.ContainsKey("config/" + name))
                {
                    ConfigMerge.Add(errors, "config/" + name, $"{labels.Of(name)} is required.");
                }
            }
        }

        if (ConfigSchemaRules.LoopsForever(schema))
        {
            // Evaluating it would overflow the stack and end the process: the template must be fixed, not the config.
            throw new ConflictException("The template's configSchema refers to itself in a loop; fix the template first.");
        }

        var instance = JsonSerializer.SerializeToElement(plain);
        Dictionary<string, string[]> schemaErrors;
        try
        {
            schemaErrors = SchemaErrors.Evaluate(ConfigSchemaRules.Build(schema), instance, "config");
        }
        catch (Exception ex) when (ex is Json.Schema.RefResolutionException or Json.Schema.JsonSchemaException)
        {
            // Only a template saved before references were checked gets here: it must be fixed, not the config.
            throw new ConflictException("The template's configSchema cannot be evaluated (a reference does not resolve inside it); " +
                "fix the template first.");
        }

        foreach (var (path, messages) in schemaErrors)
        {
            if (path == "config" && errors.Count > 0 && messages.All(m => m.Contains("Required", StringComparison.OrdinalIgnoreCase)))
            {
                continue; // Already reported per missing property above.
            }

            var property = path.Split('/').ElementAtOrDefault(1);
            foreach (var message in messages)
            {
                // Schema messages can quote the value; for a secret, say only that it is invalid.
                ConfigMerge.Add(errors, path, property is not null && secrets.Contains(property)
                    ? $"{labels.Of(property)} does not satisfy the schema."
                    : message);
            }
        }
    }
}
