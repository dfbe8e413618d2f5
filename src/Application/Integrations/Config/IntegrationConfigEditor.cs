using System.Text.Json;
using System.Text.Json.Nodes;
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
public sealed class IntegrationConfigEditor(ISecretProtector protector, OutboundTargets targets)
{
    public const string Mask = "********";

    /// <summary>The config property that holds the external account (GoHighLevel location) id.</summary>
    public const string ExternalAccountProperty = "locationId";

    /// <summary>The config property naming the host the integration's secrets are sent to.</summary>
    public const string BaseUrlProperty = "baseUrl";

    public sealed record Result(string StoredJson, string? ExternalAccountId, JsonObject Plain);

    /// <param name="schemaJson">The template's config schema.</param>
    /// <param name="storedJson">The config as stored now (null on create).</param>
    /// <param name="incoming">The config sent (null on an update that does not touch it).</param>
    /// <exception cref="ValidationException">The merged config does not satisfy the schema (one entry per path).</exception>
    public Result Apply(string schemaJson, string? storedJson, JsonElement? incoming, int subAccountId, string secretScope)
    {
        var (result, errors) = Evaluate(schemaJson, storedJson, incoming, subAccountId, secretScope);
        return errors.Count == 0 ? result! : throw new ValidationException(errors);
    }

    /// <summary>
    /// An integration's stored config as a changed template schema would have it (defaults applied, newly secret
    /// properties encrypted), or why it no longer fits: nothing is thrown, the caller decides.
    /// </summary>
    public (Result? Result, IReadOnlyDictionary<string, string[]> Errors) Revalidate(string schemaJson, string storedJson, int subAccountId,
        string secretScope)
    {
        using var schemaDocument = JsonDocument.Parse(schemaJson);
        var turnedPlain = ConfigMerge.StoredSecretNames(storedJson).Except(ConfigSchemaRules.SecretProperties(schemaDocument.RootElement)).ToList();
        if (turnedPlain.Count > 0)
        {
            return (null, turnedPlain.ToDictionary(name => "config/" + name,
                name => new[] { $"{name} holds a stored secret and would no longer be one." }));
        }

        return Evaluate(schemaJson, storedJson, null, subAccountId, secretScope);
    }

    private (Result? Result, Dictionary<string, string[]> Errors) Evaluate(string schemaJson, string? storedJson, JsonElement? incoming,
        int subAccountId, string secretScope)
    {
        using var schemaDocument = JsonDocument.Parse(schemaJson);
        var schema = schemaDocument.RootElement;
        // A value stored encrypted stays a secret even if the template stopped marking it (such a template edit is
        // refused while integrations use it; this keeps the rule even for one that slipped through).
        var storedSecrets = ConfigMerge.StoredSecretNames(storedJson);
        var secrets = new HashSet<string>(ConfigSchemaRules.SecretProperties(schema), StringComparer.Ordinal);
        secrets.UnionWith(storedSecrets);
        var errors = new Dictionary<string, List<string>>();
        var labels = new ConfigLabels(schema);

        var plain = Decrypt(storedJson, subAccountId, secretScope);
        var hostBefore = ConfigMerge.Text(plain, BaseUrlProperty);
        if (incoming is { } sent)
        {
            if (sent.ValueKind != JsonValueKind.Object)
            {
                throw new ValidationException("config", "config must be a JSON object.");
            }

            ConfigMerge.Merge(plain, sent, secrets, storedSecrets, labels, errors);
        }

        ConfigValidation.ApplyDefaults(plain, schema);
        if (incoming is { } changes)
        {
            ConfigMerge.RequireSecretsForNewHost(hostBefore, plain, changes, storedSecrets, targets, labels, errors);
        }

        ConfigValidation.Validate(plain, schema, secrets, errors);

        if (errors.Count > 0)
        {
            return (null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var stored = (JsonObject)plain.DeepClone();
        var previous = storedJson is null ? [] : JsonNode.Parse(storedJson) as JsonObject ?? [];
        foreach (var name in secrets)
        {
            if (stored[name] is JsonValue value && value.TryGetValue<string>(out var secret))
            {
                stored[name] = KeptCiphertext(previous, name, secret, subAccountId, secretScope)
                    ?? protector.Protect(secret, Context(subAccountId, secretScope, name));
            }
        }

        var externalId = plain[ExternalAccountProperty] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
        return (new Result(stored.ToJsonString(), externalId, plain), []);
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

    /// <summary>
    /// Re-encrypts every secret not under the active key; the stored JSON is null when none moved. A secret the key
    /// ring cannot read stays as it is and is counted as remaining.
    /// </summary>
    public (string? StoredJson, SecretMoves Moves) Reencrypt(string storedJson, int subAccountId, string secretScope)
    {
        var stored = JsonNode.Parse(storedJson) as JsonObject ?? [];
        var moves = new SecretMoves();
        foreach (var (name, ciphertext) in StoredCiphertexts(stored))
        {
            var (value, move) = protector.MoveToActiveKey(ciphertext, Context(subAccountId, secretScope, name));
            stored[name] = value;
            moves = moves.Count(move);
        }

        return (moves.Moved > 0 ? stored.ToJsonString() : null, moves);
    }

    /// <summary>The encrypted values of a stored config, by property name.</summary>
    public static IEnumerable<(string Name, string Ciphertext)> StoredCiphertexts(string storedJson) =>
        StoredCiphertexts(JsonNode.Parse(storedJson) as JsonObject ?? []);

    private static List<(string Name, string Ciphertext)> StoredCiphertexts(JsonObject stored) =>
        stored.Where(p => p.Value is JsonValue value && value.TryGetValue<string>(out var text) && ISecretProtector.IsCiphertext(text))
            .Select(p => (p.Key, p.Value!.GetValue<string>()))
            .ToList();

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

    /// <summary>The stored ciphertext of an unchanged secret under the active key: kept, so an unrelated edit rewrites no secret.</summary>
    private string? KeptCiphertext(JsonObject previous, string name, string secret, int subAccountId, string secretScope) =>
        previous[name] is JsonValue value && value.TryGetValue<string>(out var ciphertext) && ISecretProtector.IsCiphertext(ciphertext)
        && !protector.NeedsReencryption(ciphertext) && protector.Unprotect(ciphertext, Context(subAccountId, secretScope, name)) == secret
            ? ciphertext
            : null;

}
