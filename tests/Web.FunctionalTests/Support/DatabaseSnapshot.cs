using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// Every row of every table the app owns, as one digest per table (order-independent), so a test can say "nothing
/// changed" about the whole database, on SQLite and PostgreSQL alike.
/// </summary>
public static class DatabaseSnapshot
{
    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(HubApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tables = db.Model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null)
            .Select(t => (Schema: t.GetSchema(), Name: t.GetTableName()!))
            .Distinct()
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var digests = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (schema, name) in tables)
            {
                var qualified = schema is null ? $"\"{name}\"" : $"\"{schema}\".\"{name}\"";
                digests[qualified] = await DigestAsync(connection, qualified);
            }

            return digests;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string> DigestAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i) is byte[] bytes ? Convert.ToBase64String(bytes) : reader.GetValue(i),
                    CultureInfo.InvariantCulture);
                row.Append(value).Append('\u001f');
            }

            rows.Add(row.ToString());
        }

        rows.Sort(StringComparer.Ordinal);
        return $"{rows.Count} rows, " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows))))[..16];
    }
}
