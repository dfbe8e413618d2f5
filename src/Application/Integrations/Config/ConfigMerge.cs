using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Security;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// How a config sent by an admin (or set by the hub) merges into the stored one: the mask keeps a stored secret, null
/// removes a value, a secret must be a string, and a new host needs the secrets again.
/// </summary>
internal static class ConfigMerge
{
    private const string Mask = IntegrationConfigEditor.Mask;
    private const string BaseUrlProperty = IntegrationConfigEditor.BaseUrlProperty;

    internal static void Merge(JsonObject plain, JsonElement sent, IReadOnlySet<string> secrets, IReadOnlySet<string> storedSecrets,
        ConfigLabels labels, Dictionary<string, List<string>> errors)
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

            if (value.ValueKind == JsonValueKind.String && value.GetString() == Mask)
            {
                // The client echoed the masked value back: keep what is stored. The mask itself is never a value:
                // stored, it would be sent to the outside service as the credential.
                if (!storedSecrets.Contains(name))
                {
                    Add(errors, "config/" + name, $"{labels.Of(name)}: \"{Mask}\" stands for a stored secret and there is none to keep; send the value itself.");
                }

                continue;
            }

            if (secrets.Contains(name))
            {
                if (value.ValueKind != JsonValueKind.String)
                {
                    Add(errors, "config/" + name, $"{labels.Of(name)} is a secret and must be a string.");
                    continue;
                }
            }
            else if (value.ValueKind == JsonValueKind.String && ISecretProtector.IsCiphertext(value.GetString()))
            {
                // Stored ciphertexts are recognised by this prefix; a plain value may not look like one.
                Add(errors, "config/" + name, $"{labels.Of(name)} may not start with '{ISecretProtector.CiphertextPrefix}'.");
                continue;
            }

            plain[name] = JsonNode.Parse(value.GetRawText());
        }
    }

    /// <summary>
    /// The host the secrets go to must be one their owner chose: when <c>baseUrl</c> changes, every stored secret has
    /// to be sent again in the same update (a kept one would be handed to the new host unasked). The new URL must be
    /// one the hub may call (<see cref="OutboundTargets"/>).
    /// </summary>
    internal static void RequireSecretsForNewHost(string? hostBefore, JsonObject merged, JsonElement sent, IReadOnlySet<string> storedSecrets,
        OutboundTargets targets, ConfigLabels labels, Dictionary<string, List<string>> errors)
    {
        var hostAfter = Text(merged, BaseUrlProperty);
        if (merged.ContainsKey(BaseUrlProperty) && targets.Refusal(hostAfter) is { } refusal)
        {
            Add(errors, "config/" + BaseUrlProperty, $"{labels.Of(BaseUrlProperty)} {refusal}.");
            return;
        }

        if (hostBefore is null || string.Equals(hostBefore, hostAfter, StringComparison.Ordinal))
        {
            return;
        }

        foreach (var name in storedSecrets)
        {
            var resent = sent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() != Mask;
            var removed = sent.TryGetProperty(name, out var cleared) && cleared.ValueKind == JsonValueKind.Null;
            if (!resent && !removed)
            {
                Add(errors, "config/" + name,
                    $"{labels.Of(BaseUrlProperty)} changes, so {labels.Of(name)} must be sent again: a stored secret is never sent to a host it was not entered for.");
            }
        }
    }

    /// <summary>Names of the values stored encrypted.</summary>
    internal static HashSet<string> StoredSecretNames(string? storedJson)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (storedJson is not null && JsonNode.Parse(storedJson) is JsonObject stored)
        {
            foreach (var (name, node) in stored)
            {
                if (node is JsonValue value && value.TryGetValue<string>(out var text) && ISecretProtector.IsCiphertext(text))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    internal static string? Text(JsonObject config, string name) =>
        config[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    internal static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }
}
