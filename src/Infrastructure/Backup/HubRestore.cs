namespace IntegrationHub.Infrastructure.Backup;

/// <summary>
/// An archive made by <see cref="HubBackup"/> back into an empty data folder. The whole archive is checked against its
/// manifest before the first file is written, so a damaged one leaves the folder as it was.
/// </summary>
public static class HubRestore
{
    /// <summary>True when the folder does not exist or holds nothing: the only kind a restore writes into.</summary>
    public static bool IsEmptyOrMissing(string dataDirectory) =>
        !Directory.Exists(dataDirectory) || !Directory.EnumerateFileSystemEntries(dataDirectory).Any();

    /// <summary>Restores the archive into <paramref name="dataDirectory"/>, which must be empty or missing; returns its manifest.</summary>
    /// <exception cref="BackupException">The folder is not empty, or the archive is damaged or not a backup.</exception>
    public static async Task<BackupManifest> RestoreAsync(string archivePath, string dataDirectory, CancellationToken cancellationToken)
    {
        var archive = Path.GetFullPath(archivePath);
        if (!File.Exists(archive))
        {
            throw new BackupException($"{archive} does not exist.");
        }

        if (!IsEmptyOrMissing(dataDirectory))
        {
            throw new BackupException($"the data folder {dataDirectory} is not empty: restore only into an empty or new folder (IntegrationHub:DataDirectory), so nothing is overwritten or mixed.");
        }

        // First pass: read everything, write nothing.
        await HubArchive.ReadAsync(archive, (_, _) => Task.CompletedTask, cancellationToken);

        OwnerOnlyFiles.CreateFolder(dataDirectory);
        try
        {
            // Second pass: write, checking again (the file could have changed since the first pass).
            return await HubArchive.ReadAsync(archive, async (file, data) =>
            {
                var target = Path.Combine(dataDirectory, file.Path);
                OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(target)!);
                await using var output = OwnerOnlyFiles.CreateNew(target);
                await data.CopyToAsync(output, cancellationToken);
            }, cancellationToken);
        }
        catch
        {
            // The folder was empty: empty it again rather than leave half a hub in it.
            foreach (var entry in new DirectoryInfo(dataDirectory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }

            throw;
        }
    }
}
