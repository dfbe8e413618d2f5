using System.Text.Json;
using IntegrationHub.Application.Common.Json;
using IntegrationHub.Application.Common.Validation;
using Json.Schema;

namespace IntegrationHub.Application.Templates;

/// <summary>What makes a template's <c>configSchema</c> acceptable, and which of its properties are secrets.</summary>
public static class ConfigSchemaRules
{
    // Every config schema is built here, so this runs before any is evaluated (formats are looked up when evaluating).
    static ConfigSchemaRules() => FormatRegistry.Global.Register(EmailAddresses.SchemaFormat);

    /// <summary>
    /// Errors of a proposed config schema: it must be a JSON Schema (draft 2020-12) of <c>type: object</c>.
    /// Keys are <c>configSchema</c> followed by the JSON pointer of the offending part.
    /// </summary>
    public static Dictionary<string, string[]> Check(JsonElement schema)
    {
        const string field = "configSchema";
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return new() { [field] = ["configSchema must be a JSON object."] };
        }

        var errors = SchemaErrors.Evaluate(MetaSchemas.Draft202012, schema, field);
        if (errors.Count > 0)
        {
            return errors;
        }

        if (!schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            return new() { [field + "/type"] = ["configSchema must describe an object: \"type\": \"object\"."] };
        }

        var references = SchemaReferences.Check(schema, field);
        if (references.Count > 0)
        {
            return references;
        }

        if (SchemaReferenceCycles.FindLoop(schema) is { } loop)
        {
            return new() { [field + loop.TrimEnd('/')] = ["configSchema refers to itself without going into the data (a $ref or allOf loop): " +
                "evaluating it would never end."] };
        }

        try
        {
            Build(schema);
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException or RefResolutionException)
        {
            return new() { [field] = ["configSchema cannot be used: " + ex.Message] };
        }

        return [];
    }

    /// <summary>
    /// Whether evaluating the schema could loop forever (a <c>$ref</c> or <c>allOf</c> loop). Templates saved since this
    /// check cannot have one; this guards evaluation against one saved before it.
    /// </summary>
    public static bool LoopsForever(JsonElement schema) => SchemaReferenceCycles.FindLoop(schema) is not null;

    /// <summary>Builds a schema in its own registry, so templates with the same <c>$id</c> never collide.</summary>
    public static JsonSchema Build(JsonElement schema) =>
        JsonSchema.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>
    /// Top-level properties whose values are secrets: <c>"format": "password"</c> or <c>"writeOnly": true</c>.
    /// </summary>
    public static IReadOnlySet<string> SecretProperties(JsonElement schema)
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return secrets;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var definition = property.Value;
            if (definition.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var isPassword = definition.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
                && format.GetString() == "password";
            var isWriteOnly = definition.TryGetProperty("writeOnly", out var writeOnly) && writeOnly.ValueKind == JsonValueKind.True;
            if (isPassword || isWriteOnly)
            {
                secrets.Add(property.Name);
            }
        }

        return secrets;
    }
}
