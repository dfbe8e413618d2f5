using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>
/// A SQLite database from before lead search: the migration fills the FTS5 index with the leads already there, and its
/// triggers keep it in step with later inserts, updates and deletes.
/// </summary>
public sealed class LeadSearchMigrationTests
{
    private string _path = null!;

    [SetUp]
    public void ChoosePath() => _path = Path.Combine(Path.GetTempPath(), $"ih-search-{Guid.NewGuid():N}.db");

    [TearDown]
    public void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Test]
    public async Task Existing_leads_are_indexed_and_the_triggers_follow_later_changes()
    {
        await using (var db = NewContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_LeadSearch", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "SubAccounts" ("Id", "Name", "Timezone", "CreatedAt") VALUES (1, 'S', 'UTC', '2026-11-01 00:00:00');
                INSERT INTO "Leads" ("Id", "SubAccountId", "Name", "FirstName", "LastName", "Email", "Phone", "Tags", "CreatedAt", "UpdatedAt")
                VALUES (7, 1, 'Ada Lovelace', 'Ada', 'Lovelace', 'ada@engines.test', '+1 (415) 555-1234', '["VIP","dental"]',
                        '2026-11-01 00:00:00', '2026-11-01 00:00:00');
                """);
        }

        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
            (await Matches(db, "text : \"lovel\"")).Should().Equal(7);
            (await Matches(db, "text : \"ENGINES\"")).Should().Equal(7);
            (await Matches(db, "phone : \"4155551\"")).Should().Equal(7);
            (await Matches(db, "tags : \"\u001fvip\u001f\"")).Should().Equal(7);

            await db.Database.ExecuteSqlRawAsync("""UPDATE "Leads" SET "LastName" = 'Byron', "Name" = 'Ada Byron', "Tags" = '["poet"]' WHERE "Id" = 7""");
            (await Matches(db, "text : \"lovel\"")).Should().BeEmpty();
            (await Matches(db, "text : \"byron\"")).Should().Equal(7);
            (await Matches(db, "tags : \"\u001fvip\u001f\"")).Should().BeEmpty();
            (await Matches(db, "tags : \"\u001fpoet\u001f\"")).Should().Equal(7);

            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Leads" WHERE "Id" = 7""");
            (await Matches(db, "text : \"byron\"")).Should().BeEmpty();
        }
    }

    private static async Task<List<long>> Matches(AppDbContext db, string match) =>
        await db.Database.SqlQueryRaw<long>("""SELECT rowid AS "Value" FROM "LeadSearch" WHERE "LeadSearch" MATCH {0}""", match).ToListAsync();

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_path}").Options);
}
