using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Infrastructure.Options;

/// <summary>The <c>IntegrationHub</c> configuration section (env vars: <c>IntegrationHub__...</c>).</summary>
public sealed class IntegrationHubOptions
{
    public const string Section = "IntegrationHub";

    /// <summary>Folder for the embedded SQLite databases, Hangfire storage and Development keys.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "IntegrationHub:DataDirectory must name a folder.")]
    public string DataDirectory { get; set; } = "data";

    [Required]
    public DatabaseOptions Database { get; set; } = new();

    [Required]
    public AuthOptions Auth { get; set; } = new();
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    /// <summary>The tested server database, and the one for several instances sharing a database.</summary>
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string ProviderSetting = "IntegrationHub:Database:Provider";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public sealed class AuthOptions
{
    /// <summary>Token of the first admin, used only when no admin exists yet (24+ characters; checked at start).</summary>
    public string? BootstrapAdminToken { get; set; }
}

/// <summary><c>IntegrationHub:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "IntegrationHub:Api";

    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "IntegrationHub:Api:MaxBodyBytes must be a whole number of bytes from 1024 to 67108864.")]
    public long MaxBodyBytes { get; set; } = 1_048_576;
}

/// <summary><c>IntegrationHub:Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "IntegrationHub:Jobs";

    [Range(1, 100, ErrorMessage = "IntegrationHub:Jobs:WorkerCount must be a whole number from 1 to 100.")]
    public int WorkerCount { get; set; } = 4;
}
