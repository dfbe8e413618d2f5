using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Infrastructure.Backup;

/// <summary>
/// A consistent snapshot of the data folder into one archive, safe while the hub runs. Copying a running hub's
/// database file by hand can catch it halfway through a write, and misses what still sits in its WAL file; here each
/// database is copied with <c>VACUUM INTO</c>, which reads one committed state in a read transaction (in WAL mode the
/// hub keeps writing meanwhile) and writes a compact, self-contained copy.
/// </summary>
public static class HubBackup
{
    /// <summary>Creates the archive (mode 0600, never over an existing file) and returns its manifest.</summary>
    /// <exception cref="BackupException">The archive cannot be created, or the folder holds nothing to back up.</exception>
    public static async Task<BackupManifest> CreateAsync(BackupSource source, string archivePath, string hubVersion, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var archive = Path.GetFullPath(archivePath);
        var output = CreateArchive(archive);
        // Staged beside the archive, where the operator chose to have room for it (the temp folder may be a small tmpfs).
        var staging = Path.Combine(Path.GetDirectoryName(archive)!, $".{Path.GetFileName(archive)}.{Guid.NewGuid():N}.partial");
        try
        {
            OwnerOnlyFiles.CreateFolder(staging);
            // Databases first, keys after: every key that encrypted something in the copied databases is then in the copy.
            var files = new List<BackupFile>();
            foreach (var database in Directory.EnumerateFiles(source.DataDirectory, "*.db").Order(StringComparer.Ordinal))
            {
                files.Add(await SnapshotAsync(database, staging, cancellationToken));
            }

            foreach (var keyPath in source.KeyPaths)
            {
                files.AddRange(await CopyKeysAsync(source.DataDirectory, keyPath, staging, cancellationToken));
            }

            if (files.Count == 0)
            {
                throw new BackupException($"there is nothing to back up in {source.DataDirectory}: no database and no keys (is IntegrationHub:DataDirectory right?).");
            }

            var manifest = new BackupManifest(BackupManifest.CurrentFormat, hubVersion, now, source.Provider, files);
            await using (output)
            {
                await using (var archiveStream = HubArchive.IsCompressedName(archive) ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true) : null)
                {
                    await HubArchive.WriteAsync(archiveStream ?? (Stream)output, manifest, staging, cancellationToken);
                }

                output.Flush(flushToDisk: true);
            }

            return manifest;
        }
        catch
        {
            // A half-written archive must not pass for a backup.
            await output.DisposeAsync();
            File.Delete(archive);
            throw;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static FileStream CreateArchive(string archive)
    {
        try
        {
            return OwnerOnlyFiles.CreateNew(archive);
        }
        catch (IOException) when (File.Exists(archive) || Directory.Exists(archive))
        {
            throw new BackupException($"{archive} already exists: backup never overwrites a file; choose another name.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"{archive} cannot be created ({(ex is UnauthorizedAccessException ? "permission denied" : ex.Message.TrimEnd('.'))}).");
        }
    }

    private static async Task<BackupFile> SnapshotAsync(string database, string staging, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(database);
        var copy = Path.Combine(staging, name);
        await using (OwnerOnlyFiles.CreateNew(copy))
        {
            // VACUUM INTO fills an empty file in place, so the copy keeps this owner-only mode.
        }

        // Read-write (not read-only): a database left with a WAL file by a crash needs it recovered to be read.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30,
        }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $copy";
            command.Parameters.AddWithValue("$copy", copy);
            command.CommandTimeout = 0; // a large database takes as long as it takes
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new BackupException($"{name} cannot be copied: {ex.Message.TrimEnd('.')}.");
        }

        return await DescribeAsync(staging, name, cancellationToken);
    }

    /// <summary>Key files are written once and replaced whole (never edited in place), so a plain copy is consistent.</summary>
    private static async Task<List<BackupFile>> CopyKeysAsync(string dataDirectory, string keyPath, string staging, CancellationToken cancellationToken)
    {
        var source = Path.Combine(dataDirectory, keyPath);
        var found = File.Exists(source) ? [source]
            : Directory.Exists(source) ? Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : new List<string>();
        var files = new List<BackupFile>();
        foreach (var file in found)
        {
            var relative = Path.GetRelativePath(dataDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
            var copy = Path.Combine(staging, relative);
            OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(copy)!);
            await using (var from = File.OpenRead(file))
            await using (var to = OwnerOnlyFiles.CreateNew(copy))
            {
                await from.CopyToAsync(to, cancellationToken);
            }

            files.Add(await DescribeAsync(staging, relative, cancellationToken));
        }

        return files;
    }

    private static async Task<BackupFile> DescribeAsync(string staging, string relative, CancellationToken cancellationToken)
    {
        await using var data = File.OpenRead(Path.Combine(staging, relative));
        var hash = await SHA256.HashDataAsync(data, cancellationToken);
        return new BackupFile(relative, data.Length, Convert.ToHexStringLower(hash));
    }
}
