using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// Which database the functional suite runs on. SQLite (a file in each app's data folder) unless
/// <c>INTEGRATIONHUB_TEST_PROVIDER=PostgreSql</c>: then each data folder gets its own throwaway database in the local
/// PostgreSQL cluster named by <c>INTEGRATIONHUB_TEST_POSTGRES</c> (a role that may create databases), and every
/// database made during the run is dropped when it ends (<see cref="TestRunDatabases"/>).
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "INTEGRATIONHUB_TEST_PROVIDER";
    public const string ServerVariable = "INTEGRATIONHUB_TEST_POSTGRES";

    /// <summary>Set by .ci/run: PostgreSQL missing is a failure there, never a silent skip.</summary>
    public const string RequiredVariable = "INTEGRATIONHUB_TEST_REQUIRE_POSTGRES";

    private const string NamePrefix = "ih_test_";

    private static readonly ConcurrentDictionary<string, byte> Created = new();
    private static readonly Lazy<string?> Unavailable = new(FindWhyUnavailable);

    public static bool IsPostgreSql =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "PostgreSql", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stops the current test (ignored, or failed where PostgreSQL is required) when the cluster cannot be used.</summary>
    public static void RequirePostgreSql()
    {
        if (Unavailable.Value is not { } why)
        {
            return;
        }

        var message = $"PostgreSQL tests skipped: {why}. To run them, start a local PostgreSQL (Debian: apt-get install -y postgresql; " +
            "pg_ctlcluster 15 main start), create a role with CREATEDB and set " +
            $"{ServerVariable}=\"Host=localhost;Username=...;Password=...\" (.ci/run does all of this).";
        if (Environment.GetEnvironmentVariable(RequiredVariable) is "1" or "true")
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }

    /// <summary>The settings that point an app at this data folder's database (none for SQLite: the folder holds it).</summary>
    public static Dictionary<string, string?> SettingsFor(string dataDirectory)
    {
        if (!IsPostgreSql)
        {
            return [];
        }

        return new Dictionary<string, string?>
        {
            ["IntegrationHub:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:IntegrationHub"] = EnsureDatabase(dataDirectory),
        };
    }

    /// <summary>
    /// Lets go of a data folder's database when its app stops: the app's idle pooled connections would otherwise
    /// stay open for minutes and use up the server's connection slots. Dropped at once when nothing will reopen it.
    /// </summary>
    public static void Release(string dataDirectory, bool drop)
    {
        if (!IsPostgreSql || !Created.ContainsKey(NameFor(dataDirectory)))
        {
            return;
        }

        using (var connection = new NpgsqlConnection(ConnectionStringFor(NameFor(dataDirectory))))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        if (drop && Created.TryRemove(NameFor(dataDirectory), out _))
        {
            Drop(NameFor(dataDirectory));
        }
    }

    /// <summary>A database of its own for a data folder (the same folder, the same database: apps restarted on it see their data).</summary>
    public static string EnsureDatabase(string dataDirectory)
    {
        RequirePostgreSql();
        var name = NameFor(dataDirectory);
        if (Created.TryAdd(name, 0))
        {
            using var admin = OpenAdmin();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            create.ExecuteNonQuery();
        }

        return ConnectionStringFor(name);
    }

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, ConnectionIdleLifetime = 5, ConnectionPruningInterval = 1 }.ConnectionString;

    /// <summary>Drops every database this run created (their connections are closed first).</summary>
    public static void DropAll()
    {
        if (Created.IsEmpty)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var name in Created.Keys)
        {
            Drop(name);
        }

        Created.Clear();
    }

    private static string NameFor(string dataDirectory) =>
        NamePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..24];

    private static void Drop(string name)
    {
        // FORCE ends the database's other sessions, but not an autovacuum worker that happens to be in it: that one has no
        // role this login may signal (SQLSTATE 42501). It finishes within moments; try again rather than fail a teardown.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var admin = OpenAdmin();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                drop.ExecuteNonQuery();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 50)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static string ServerConnectionString => Environment.GetEnvironmentVariable(ServerVariable) ?? "";

    private static NpgsqlConnection OpenAdmin()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static string? FindWhyUnavailable()
    {
        if (string.IsNullOrWhiteSpace(ServerConnectionString))
        {
            return $"{ServerVariable} is not set";
        }

        try
        {
            using var admin = OpenAdmin();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
        {
            return "the server cannot be reached (" + ex.Message + ")";
        }
    }
}
