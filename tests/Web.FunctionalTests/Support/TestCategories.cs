namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>How the build picks tests for each database run (build.cake: one run on SQLite, one on PostgreSQL).</summary>
public static class TestCategories
{
    /// <summary>About the embedded database itself (its files, its single writer) or a data folder run as a process.</summary>
    public const string SqliteOnly = "SqliteOnly";

    /// <summary>Several instances sharing one server database: only the PostgreSQL run has them.</summary>
    public const string PostgreSqlOnly = "PostgreSqlOnly";
}
