using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IntegrationHub.Infrastructure.Backup;

/// <summary>
/// The archive's first entry: which hub made it, when, for which database provider, and every file with its size and
/// SHA-256, so a restore can refuse a damaged or tampered archive before it writes anything.
/// </summary>
public sealed partial record BackupManifest(int Format, string HubVersion, DateTimeOffset CreatedAt, string Provider, IReadOnlyList<BackupFile> Files)
{
    public const string EntryName = "manifest.json";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A file read by people, never embedded in HTML: "1.0.0+abc" rather than "1.0.0\u002Babc".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The manifest read back, checked: a known format and only plain relative paths, each once.</summary>
    /// <exception cref="BackupException">It is unreadable or names a path a restore must not write.</exception>
    public static BackupManifest Parse(Stream json)
    {
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json);
        }
        catch (JsonException)
        {
            manifest = null;
        }

        if (manifest is not { Files: not null, HubVersion: not null, Provider: not null })
        {
            throw new BackupException("the archive's manifest is unreadable: this is not an IntegrationHub backup, or it is damaged.");
        }

        if (manifest.Format != CurrentFormat)
        {
            throw new BackupException($"the archive has format {manifest.Format}, this hub reads format {CurrentFormat}: restore it with the hub version that made it ({manifest.HubVersion}).");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            // A name like ../x or /etc/x would write outside the data folder; a restore writes only names a backup makes.
            if (file?.Path is not { } path || !SafePath().IsMatch(path) || path.Split('/').Any(s => s is "." or "..") || !seen.Add(path))
            {
                throw new BackupException("the archive's manifest names a file outside the data folder, or one twice: it was not made by backup.");
            }
        }

        return manifest;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,200}(/[A-Za-z0-9._-]{1,200}){0,3}$")]
    private static partial Regex SafePath();
}

/// <summary>One file of the archive: its path inside the data folder ('/' between folders), size and SHA-256 (hex).</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);

/// <summary>A backup or restore that cannot be done; the message says why in one line an operator can act on.</summary>
public sealed class BackupException(string message) : InvalidOperationException(message);
