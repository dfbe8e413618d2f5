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

    private EncryptionKeyRing(string activeKeyId, Dictionary<string, byte[]> keys)
    {
        ActiveKeyId = activeKeyId;
        _keys = keys;
    }

    public string ActiveKeyId { get; }

    public byte[] ActiveKey => _keys[ActiveKeyId];

    public bool TryGetKey(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    /// <summary>
    /// Builds the ring from configuration. With no keys configured, Development gets a key generated into the
    /// data folder (so the service runs with no setup); any other environment refuses to start.
    /// </summary>
    public static EncryptionKeyRing Load(EncryptionOptions options, string dataDirectory, bool isDevelopment)
    {
        if (options.Keys.Count == 0)
        {
            if (!isDevelopment)
            {
                throw new InvalidSettingException(
                    "IntegrationHub:Encryption:Keys is required outside Development: set IntegrationHub__Encryption__Keys__<keyId> " +
                    "to base64 of 32 random bytes and IntegrationHub__Encryption__ActiveKeyId to that id.");
            }

            options = LoadOrCreateDevelopmentKeys(dataDirectory);
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, base64) in options.Keys)
        {
            if (!KeyIdPattern().IsMatch(id))
            {
                throw new InvalidSettingException(
                    $"IntegrationHub:Encryption:Keys:{id}: a key id must be 1-32 letters, digits, '-' or '_'.");
            }

            byte[] key;
            try
            {
                key = Convert.FromBase64String(base64 ?? "");
            }
            catch (FormatException)
            {
                throw new InvalidSettingException($"IntegrationHub:Encryption:Keys:{id} is not valid base64.");
            }

            if (key.Length != 32)
            {
                throw new InvalidSettingException($"IntegrationHub:Encryption:Keys:{id} must be 32 bytes (base64 of 32 random bytes).");
            }

            keys[id] = key;
        }

        var active = options.ActiveKeyId ?? (keys.Count == 1 ? keys.Keys.Single() : null);
        if (active is null || !keys.ContainsKey(active))
        {
            throw new InvalidSettingException(
                "IntegrationHub:Encryption:ActiveKeyId must name one of the keys in IntegrationHub:Encryption:Keys.");
        }

        return new EncryptionKeyRing(active, keys);
    }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static EncryptionOptions LoadOrCreateDevelopmentKeys(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, DevelopmentKeyFile);
        if (File.Exists(path))
        {
            return JsonSerializer.Deserialize<EncryptionOptions>(File.ReadAllText(path))
                ?? throw new InvalidOperationException($"{path} is not a valid key file.");
        }

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
