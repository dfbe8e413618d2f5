namespace IntegrationHub.Infrastructure.Backup;

/// <summary>
/// Files and folders created readable by their owner only from the first byte: an archive or a staged copy holds every
/// tenant's data and the keys, so it is never world-readable, not even between its creation and a chmod.
/// </summary>
internal static class OwnerOnlyFiles
{
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Folder = File | UnixFileMode.UserExecute;

    /// <summary>A new file (mode 0600); an existing one is an <see cref="IOException"/>, never overwritten.</summary>
    public static FileStream CreateNew(string path) => OperatingSystem.IsWindows()
        ? new FileStream(path, FileMode.CreateNew, FileAccess.Write)
        : new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = File });

    /// <summary>The folder and any missing parents (mode 0700).</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, Folder);
        }
    }
}
