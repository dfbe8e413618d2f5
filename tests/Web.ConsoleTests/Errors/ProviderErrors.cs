using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Web.ConsoleTests.Errors;

/// <summary>Real refusals from a real (in-memory) SQLite database, wrapped as EF wraps them when a save fails.</summary>
internal static class ProviderErrors
{
    public static DbUpdateException SqliteUniqueViolation() =>
        Refusal("CREATE TABLE t (name TEXT UNIQUE); INSERT INTO t VALUES ('acme'); INSERT INTO t VALUES ('acme');");

    public static DbUpdateException SqliteNotNullViolation() =>
        Refusal("CREATE TABLE t (name TEXT NOT NULL); INSERT INTO t VALUES (NULL);");

    private static DbUpdateException Refusal(string sql)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException refused)
        {
            return new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", refused);
        }

        throw new InvalidOperationException("SQLite accepted what it should have refused: " + sql);
    }
}
