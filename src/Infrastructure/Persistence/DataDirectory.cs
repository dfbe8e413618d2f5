using IntegrationHub.Infrastructure.Options;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>
/// The folder of the embedded databases, Hangfire storage and Development keys: created at start, writable, and
/// readable by the service's own user only (it holds every tenant's data and, in Development, the key).
/// </summary>
public static class DataDirectory
{
    public const string Setting = "IntegrationHub:DataDirectory";

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The full path of the folder, created, checked writable and made owner-only.</summary>
    /// <exception cref="InvalidSettingException">The folder cannot be created or written.</exception>
    public static string Prepare(string configured)
    {
        var path = Path.GetFullPath(configured);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, OwnerOnlyFolder);
                File.SetUnixFileMode(path, OwnerOnlyFolder);
            }

            var probe = Path.Combine(path, $".write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidSettingException(
                $"{Setting} must be a folder this service can create and write ({path}: {Reason(ex)}).");
        }

        return path;
    }

    /// <summary>The embedded databases, created empty (a valid SQLite database) before anyone opens them.</summary>
    private static readonly string[] OwnDatabaseFiles = ["integrationhub.db", "hangfire.db"];

    /// <summary>Creates an embedded database file owner-only (if it is one of ours and missing), once the settings are known to be good.</summary>
    public static void CreateDatabaseFile(string path, string database)
    {
        if (OwnDatabaseFiles.Contains(database))
        {
            CreateOwnerOnly(Path.Combine(path, database));
        }
    }

    /// <summary>
    /// SQLite and Hangfire create their files with the process's default mode (often world-readable); a file created
    /// here first is owner-only, and SQLite gives the database's WAL and shared-memory files the database's mode.
    /// </summary>
    private static void CreateOwnerOnly(string file)
    {
        if (OperatingSystem.IsWindows() || File.Exists(file))
        {
            return;
        }

        using var _ = new FileStream(file, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile,
        });
    }

    /// <summary>Makes every file in the folder owner-only (the databases and their WAL files; SQLite gives new WAL files the database's mode).</summary>
    public static void RestrictFiles(string path)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(path))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(path))
        {
            try
            {
                File.SetUnixFileMode(file, OwnerOnlyFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file of another user in our folder: not ours to change; the folder itself is owner-only.
            }
        }
    }

    private static string Reason(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException or FileNotFoundException => "a parent folder does not exist or cannot be created",
        _ => ex.Message.TrimEnd('.'),
    };
}
