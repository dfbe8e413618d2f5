using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Json;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// Turns a config sent by an admin into the stored form: merged into the stored config, schema defaults
/// applied, validated against the template's schema, secrets encrypted. Secrets are found from the schema
/// (<c>format: password</c> or <c>writeOnly: true</c>).
/// </summary>
public sealed class IntegrationConfigEditor(ISecretProtector protector)
{
    public const string Mask = "********";

    /// <summary>The config property that holds the external account (GoHighLevel location) id.</summary>
    public const string ExternalAccountProperty = "locationId";

    public sealed record Result(string StoredJson, string? ExternalAccountId, JsonObject Plain);

    /// <param name="schemaJson">The template's config schema.</param>
    /// <param name="storedJson">The config as stored now (null on create).</param>
    /// <param name="incoming">The config sent (null on an update that does not touch it).</param>
    public Result Apply(string schemaJson, string? storedJson, JsonElement? incoming, int subAccountId, string secretScope)
    {
        using var schemaDocument = JsonDocument.Parse(schemaJson);
        var schema = schemaDocument.RootElement;
        var secrets = ConfigSchemaRules.SecretProperties(schema);
        var errors = new Dictionary<string, List<string>>();

        var plain = Decrypt(storedJson, subAccountId, secretScope);
        if (incoming is { } sent)
        {
            if (sent.ValueKind != JsonValueKind.Object)
            {
                throw new ValidationException("config", "config must be a JSON object.");
            }

            Merge(plain, sent, secrets, errors);
        }

        ApplyDefaults(plain, schema);
        Validate(plain, schema, secrets, errors);

        if (errors.Count > 0)
        {
            throw new ValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var stored = (JsonObject)plain.DeepClone();
        foreach (var name in secrets)
        {
            if (stored[name] is JsonValue value && value.TryGetValue<string>(out var secret))
            {
                stored[name] = protector.Protect(secret, Context(subAccountId, secretScope, name));
            }
        }

        var externalId = plain[ExternalAccountProperty] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
        return new Result(stored.ToJsonString(), externalId, plain);
    }

    /// <summary>The stored config with its secrets decrypted, for code that calls the outside service.</summary>
    public JsonObject Decrypt(string? storedJson, int subAccountId, string secretScope)
    {
        var plain = storedJson is null ? [] : JsonNode.Parse(storedJson) as JsonObject ?? [];
        foreach (var (name, node) in plain.ToList())
        {
            if (node is JsonValue value && value.TryGetValue<string>(out var text) && ISecretProtector.IsCiphertext(text))
            {
                plain[name] = protector.Unprotect(text, Context(subAccountId, secretScope, name));
            }
        }

        return plain;
    }

    /// <summary>Re-encrypts every secret not under the active key; null when nothing needed it.</summary>
    public string? Reencrypt(string storedJson, int subAccountId, string secretScope)
    {
        var stored = JsonNode.Parse(storedJson) as JsonObject ?? [];
        var changed = false;
        foreach (var (name, node) in stored.ToList())
        {
            if (node is JsonValue value && value.TryGetValue<string>(out var text) && ISecretProtector.IsCiphertext(text)
                && protector.NeedsReencryption(text))
            {
                var context = Context(subAccountId, secretScope, name);
                stored[name] = protector.Protect(protector.Unprotect(text, context), context);
                changed = true;
            }
        }

        return changed ? stored.ToJsonString() : null;
    }

    public static SecretContext Context(int subAccountId, string secretScope, string field) =>
        new(subAccountId, "integration:" + secretScope, "config." + field);

    /// <summary>The stored config as clients see it: every encrypted value replaced by the mask.</summary>
    public static JsonElement Masked(string storedJson)
    {
        var node = JsonNode.Parse(storedJson) as JsonObject ?? [];
        foreach (var (name, value) in node.ToList())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && ISecretProtector.IsCiphertext(text))
            {
                node[name] = Mask;
            }
        }

        return JsonSerializer.SerializeToElement(node);
    }

    private static void Merge(JsonObject plain, JsonElement sent, IReadOnlySet<string> secrets, Dictionary<string, List<string>> errors)
    {
        foreach (var property in sent.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                plain.Remove(name);
                continue;
            }

            if (secrets.Contains(name))
            {
                if (value.ValueKind != JsonValueKind.String)
                {
                    Add(errors, "config/" + name, $"{name} is a secret and must be a string.");
                    continue;
                }

                if (value.GetString() == Mask)
                {
                    // The client echoed the masked value back: keep what is stored.
                    continue;
                }
            }
            else if (value.ValueKind == JsonValueKind.String && ISecretProtector.IsCiphertext(value.GetString()))
            {
                // Stored ciphertexts are recognised by this prefix; a plain value may not look like one.
                Add(errors, "config/" + name, $"{name} may not start with '{ISecretProtector.CiphertextPrefix}'.");
                continue;
            }

            plain[name] = JsonNode.Parse(value.GetRawText());
        }
    }

    private static void ApplyDefaults(JsonObject plain, JsonElement schema)
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

    private static void Validate(JsonObject plain, JsonElement schema, IReadOnlySet<string> secrets, Dictionary<string, List<string>> errors)
    {
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()).OfType<string>())
            {
                if (!plain.ContainsKey(name) && !errors.ContainsKey("config/" + name))
                {
                    Add(errors, "config/" + name, $"{name} is required.");
                }
            }
        }

        var instance = JsonSerializer.SerializeToElement(plain);
        foreach (var (path, messages) in SchemaErrors.Evaluate(ConfigSchemaRules.Build(schema), instance, "config"))
        {
            if (path == "config" && errors.Count > 0 && messages.All(m => m.Contains("Required", StringComparison.OrdinalIgnoreCase)))
            {
                continue; // Already reported per missing property above.
            }

            var property = path.Split('/').ElementAtOrDefault(1);
            foreach (var message in messages)
            {
                // Schema messages can quote the value; for a secret, say only that it is invalid.
                Add(errors, path, property is not null && secrets.Contains(property)
                    ? $"{property} does not satisfy the schema."
                    : message);
            }
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }
}
