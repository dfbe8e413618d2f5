using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Infrastructure.Options;

namespace IntegrationHub.Infrastructure.Security;

/// <summary>The AES-256 keys by id, and which one encrypts new secrets.</summary>
public sealed partial class EncryptionKeyRing
{
    public const string DevelopmentKeyFile = "encryption-keys.json";

    private readonly Dictionary<string, byte[]> _keys;

    private EncryptionKeyRing(string activeKeyId, Dictionary<string, byte[]> keys, string dataDirectory)
    {
        ActiveKeyId = activeKeyId;
        _keys = keys;
        DataDirectory = dataDirectory;
    }

    public string ActiveKeyId { get; }

    /// <summary>Where a Development start keeps its generated key, so a report can point there.</summary>
    public string DataDirectory { get; }

    public byte[] ActiveKey => _keys[ActiveKeyId];

    public bool TryGetKey(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    /// <summary>
    /// Builds the ring from configuration. In Development the key generated into the data folder stays in the ring
    /// beside any configured keys, so the secrets written with it still decrypt while a rotation moves them to a
    /// configured key; it is generated only when no key is configured. Any other environment uses the configured keys
    /// only and refuses to start without one.
    /// </summary>
    public static EncryptionKeyRing Load(EncryptionOptions options, string dataDirectory, bool isDevelopment)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, base64) in options.Keys)
        {
            keys[id] = Parse($"{EncryptionOptions.Section}:Keys:{id}", id, base64);
        }

        string? developmentActiveKeyId = null;
        if (isDevelopment && (keys.Count > 0 ? ReadDevelopmentKeys(dataDirectory) : LoadOrCreateDevelopmentKeys(dataDirectory)) is { } development)
        {
            developmentActiveKeyId = development.ActiveKeyId;
            AddDevelopmentKeys(keys, development, Path.Combine(dataDirectory, DevelopmentKeyFile));
        }

        if (keys.Count == 0)
        {
            throw new InvalidSettingException(
                "IntegrationHub:Encryption:Keys is required outside Development: set IntegrationHub__Encryption__Keys__<keyId> " +
                "to base64 of 32 random bytes and IntegrationHub__Encryption__ActiveKeyId to that id.");
        }

        // Unset, the active key is the only configured one, or the generated one when none is configured.
        var active = options.ActiveKeyId ?? options.Keys.Count switch
        {
            0 => developmentActiveKeyId,
            1 => options.Keys.Keys.Single(),
            _ => null,
        };
        if (string.IsNullOrEmpty(active) || !keys.ContainsKey(active))
        {
            var known = string.Join(", ", keys.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
            throw new InvalidSettingException(
                $"IntegrationHub:Encryption:ActiveKeyId must name one of the keys in the key ring ({known}).");
        }

        return new EncryptionKeyRing(active, keys, dataDirectory);
    }

    /// <summary>True when a Development start generated a key with this id into the data folder (its value is not read out).</summary>
    public static bool IsDevelopmentKeyIn(string dataDirectory, string keyId) =>
        ReadDevelopmentKeys(dataDirectory)?.Keys.ContainsKey(keyId) == true;

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static byte[] Parse(string setting, string id, string? base64)
    {
        if (!KeyIdPattern().IsMatch(id))
        {
            throw new InvalidSettingException($"{setting}: a key id must be 1-32 letters, digits, '-' or '_'.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64 ?? "");
        }
        catch (FormatException)
        {
            throw new InvalidSettingException($"{setting} is not valid base64.");
        }

        return key.Length == 32 ? key : throw new InvalidSettingException($"{setting} must be 32 bytes (base64 of 32 random bytes).");
    }

    private static void AddDevelopmentKeys(Dictionary<string, byte[]> keys, EncryptionOptions development, string path)
    {
        foreach (var (id, base64) in development.Keys)
        {
            var key = Parse($"{path} (key '{id}')", id, base64);
            if (keys.TryGetValue(id, out var configured) && !configured.AsSpan().SequenceEqual(key))
            {
                // Two different keys under one id would make its secrets undecryptable with one of them.
                throw new InvalidSettingException(
                    $"IntegrationHub:Encryption:Keys:{id} differs from the Development key '{id}' in {path}: give the configured key another id.");
            }

            keys[id] = key;
        }
    }

    private static EncryptionOptions? ReadDevelopmentKeys(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, DevelopmentKeyFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<EncryptionOptions>(File.ReadAllText(path))
                ?? throw new InvalidSettingException($"{path} is not a valid key file.");
        }
        catch (JsonException)
        {
            throw new InvalidSettingException($"{path} is not a valid key file.");
        }
    }

    private static EncryptionOptions LoadOrCreateDevelopmentKeys(string dataDirectory)
    {
        if (ReadDevelopmentKeys(dataDirectory) is { } existing)
        {
            return existing;
        }

        var path = Path.Combine(dataDirectory, DevelopmentKeyFile);
        Directory.CreateDirectory(dataDirectory);
        var created = new EncryptionOptions { ActiveKeyId = "dev-1", Keys = { ["dev-1"] = NewKey() } };
        File.WriteAllText(path, JsonSerializer.Serialize(created));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return created;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex KeyIdPattern();
}
