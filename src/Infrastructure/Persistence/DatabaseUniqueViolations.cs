using IntegrationHub.Application.Common.Interfaces;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>
/// Recognises a unique violation by the provider's error code, never by message text (which changes with the
/// provider's version and language). Any provider's exception is recognised, whichever one is configured: the code
/// of one cannot mean something else in another.
/// </summary>
public sealed class DatabaseUniqueViolations : IUniqueViolations
{
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (extended result codes).
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;

    // SQL Server: "Cannot insert duplicate key row" (a unique index) and "Violation of ... constraint" (a unique or primary key constraint).
    private const int SqlServerDuplicateKeyRow = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    public bool IsUniqueViolation(Exception exception)
    {
        // EF wraps the provider's exception (DbUpdateException); a retrying strategy may wrap it once more.
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (IsProviderUniqueViolation(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsProviderUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException sqlServer => sqlServer.Number is SqlServerDuplicateKeyRow or SqlServerUniqueConstraint,
        _ => false,
    };
}
