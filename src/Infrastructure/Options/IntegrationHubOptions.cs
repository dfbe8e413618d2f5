using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Infrastructure.Options;

/// <summary>The <c>IntegrationHub</c> configuration section (env vars: <c>IntegrationHub__...</c>).</summary>
public sealed class IntegrationHubOptions
{
    public const string Section = "IntegrationHub";

    /// <summary>Folder for the embedded SQLite databases, Hangfire storage and Development keys.</summary>
    [Required(AllowEmptyStrings = false)]
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
}

public sealed class DatabaseOptions
{
    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public sealed class AuthOptions
{
    /// <summary>Token of the first admin, used only when no admin exists yet (24+ characters; checked at start).</summary>
    public string? BootstrapAdminToken { get; set; }
}
