using System.Globalization;
using System.Reflection;
using IntegrationHub.Infrastructure;
using IntegrationHub.Infrastructure.Backup;
using IntegrationHub.Infrastructure.Options;
using IntegrationHub.Infrastructure.Security;
using IntegrationHub.Web.AdminConsole;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/Web -- backup &lt;file&gt;</c> and <c>restore &lt;file&gt;</c>: the data folder of a
/// running or stopped hub into one owner-only archive, and back into an empty folder. They read the same settings as
/// the service (data folder, provider, key ring) and run before it is built, so nothing is migrated or generated.
/// </summary>
internal static class ArchiveCommands
{
    private const string ReadmeSection = "the README, \"Backup and restore\"";

    /// <summary>The key files a Development hub and the console keep in the data folder.</summary>
    private static readonly string[] KeyPaths = [EncryptionKeyRing.DevelopmentKeyFile, ConsoleAuthentication.KeysFolder];

    public static bool IsArchiveCommand(string[] args) => args is ["backup" or "restore", ..];

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        if (args is not [var verb, var file, ..] || file.StartsWith('-'))
        {
            Console.Error.WriteLine($"Usage: dotnet run --project src/Web -- {args[0]} <file>");
            return 2;
        }

        var hub = configuration.GetSection(IntegrationHubOptions.Section).Get<IntegrationHubOptions>() ?? new IntegrationHubOptions();
        var dataDirectory = Path.GetFullPath(hub.DataDirectory);
        var doing = verb == "backup" ? "back up" : "restore";
        // Ctrl+C stops at the next step and cleans up (no half archive, no half-restored folder) instead of leaving them.
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return verb == "backup"
                ? await BackupAsync(configuration, hub.Database.Provider, dataDirectory, file, cancel.Token)
                : await RestoreAsync(configuration, dataDirectory, file, cancel.Token);
        }
        catch (Exception ex) when (ex is BackupException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"IntegrationHub cannot {doing}: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine($"IntegrationHub did not {doing}: stopped, and what it had written is removed.");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<int> BackupAsync(IConfiguration configuration, DatabaseProvider provider, string dataDirectory, string file,
        CancellationToken cancellationToken)
    {
        if (!Directory.Exists(dataDirectory))
        {
            throw new BackupException($"the data folder {dataDirectory} does not exist (IntegrationHub:DataDirectory).");
        }

        var source = new BackupSource(dataDirectory, provider.ToString(), KeyPaths);
        var manifest = await HubBackup.CreateAsync(source, file, HubVersion(), DateTimeOffset.UtcNow, cancellationToken);
        var bytes = new FileInfo(Path.GetFullPath(file)).Length;
        Console.WriteLine($"Backed up {Describe(manifest)} to {Path.GetFullPath(file)} ({Size(bytes)}, readable by its owner only).");

        var connectionString = configuration.GetConnectionString(DependencyInjection.ConnectionStringName);
        if (provider != DatabaseProvider.Sqlite)
        {
            var tool = provider == DatabaseProvider.PostgreSql ? "pg_dump -Fc" : "SQL Server's BACKUP DATABASE";
            Console.WriteLine($"The {provider} database is NOT in this archive (it holds only the keys and any SQLite file of the data folder): " +
                $"back it up with {tool}, as {ReadmeSection} shows.");
        }
        else if (BackupSource.SqliteDatabaseOutside(dataDirectory, connectionString) is { } outside)
        {
            Console.WriteLine($"The database {outside} lies outside the data folder and is NOT in this archive: back it up with its own backup.");
        }

        if (configuration.GetSection(EncryptionOptions.Section + ":Keys").GetChildren().Any())
        {
            Console.WriteLine("The keys configured in IntegrationHub:Encryption:Keys are NOT in this archive: keep them with it, " +
                "since without them the stored secrets cannot be decrypted.");
        }

        return 0;
    }

    private static async Task<int> RestoreAsync(IConfiguration configuration, string dataDirectory, string file, CancellationToken cancellationToken)
    {
        var manifest = await HubRestore.RestoreAsync(file, dataDirectory, cancellationToken);
        var madeAt = manifest.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        Console.WriteLine($"Restored {Describe(manifest)} into {dataDirectory}, from a backup made by IntegrationHub {manifest.HubVersion} at {madeAt}.");
        if (manifest.Provider != nameof(DatabaseProvider.Sqlite))
        {
            Console.WriteLine($"This archive holds no {manifest.Provider} database: restore that with its own backup " +
                $"(PostgreSQL: pg_restore, as {ReadmeSection} shows) before starting the hub.");
        }

        var hasKeyRing = manifest.Files.Any(f => f.Path == EncryptionKeyRing.DevelopmentKeyFile)
            || configuration.GetSection(EncryptionOptions.Section + ":Keys").GetChildren().Any();
        if (!hasKeyRing)
        {
            Console.WriteLine("The archive holds no key ring and none is configured: set the keys the hub used " +
                "(IntegrationHub:Encryption:Keys), or its stored secrets cannot be decrypted.");
        }

        return 0;
    }

    private static string Describe(BackupManifest manifest)
    {
        var consoleKeys = manifest.Files.Count(f => f.Path.StartsWith(ConsoleAuthentication.KeysFolder + "/", StringComparison.Ordinal));
        var named = manifest.Files.Where(f => !f.Path.StartsWith(ConsoleAuthentication.KeysFolder + "/", StringComparison.Ordinal))
            .Select(f => f.Path).ToList();
        if (consoleKeys > 0)
        {
            named.Add(consoleKeys == 1 ? "1 console key" : $"{consoleKeys} console keys");
        }

        return string.Join(", ", named);
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };

    private static string HubVersion() =>
        typeof(ArchiveCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
