using Microsoft.Data.Sqlite;

namespace IntegrationHub.Infrastructure.Backup;

/// <summary>What a backup takes from the data folder: every SQLite database (<c>*.db</c>) in it, and the key files kept there.</summary>
/// <param name="DataDirectory">The data folder (full path).</param>
/// <param name="Provider">The configured database provider, recorded in the manifest.</param>
/// <param name="KeyPaths">Files or folders inside the data folder holding keys, copied as files when present.</param>
public sealed record BackupSource(string DataDirectory, string Provider, IReadOnlyList<string> KeyPaths)
{
    /// <summary>
    /// The SQLite database a connection string names when it lies outside the data folder (a backup of the folder
    /// does not hold it), or null when it is the default one inside.
    /// </summary>
    public static string? SqliteDatabaseOutside(string dataDirectory, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        string database;
        try
        {
            database = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        }
        catch (ArgumentException)
        {
            return null; // the hub itself does not start with such a string, so there is no database to miss
        }

        return Path.GetDirectoryName(database) == Path.TrimEndingDirectorySeparator(dataDirectory) && database.EndsWith(".db", StringComparison.Ordinal)
            ? null
            : database;
    }
}
