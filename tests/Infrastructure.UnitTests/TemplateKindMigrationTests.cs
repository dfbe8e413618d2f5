using IntegrationHub.Domain.Templates;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>
/// A database from before templates had a kind: the migration gives the template named <c>gohighlevel</c> its kind, so
/// its integrations keep their connection checks, webhooks and syncs; every other template is generic.
/// </summary>
public sealed class TemplateKindMigrationTests
{
    private const string Schema = """{"type":"object"}""";
    private string _path = null!;

    [SetUp]
    public void ChoosePath() => _path = Path.Combine(Path.GetTempPath(), $"ih-kind-{Guid.NewGuid():N}.db");

    [TearDown]
    public void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Test]
    public async Task Existing_templates_get_their_kind_from_their_name_once()
    {
        await using (var db = NewContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_TemplateKind", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            foreach (var name in new[] { "gohighlevel", "pipedrive" })
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "IntegrationTemplates" ("Name", "DisplayName", "Category", "IsActive", "ConfigSchema", "CreatedAt", "UpdatedAt")
                    VALUES ({name}, {name}, 'CRM', 1, {Schema}, '2026-11-01 00:00:00', '2026-11-01 00:00:00')
                    """);
            }
        }

        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
            var kinds = await db.IntegrationTemplates.ToDictionaryAsync(t => t.Name, t => t.Kind);
            kinds.Should().Equal(new Dictionary<string, IntegrationKind>
            {
                ["gohighlevel"] = IntegrationKind.GoHighLevel,
                ["pipedrive"] = IntegrationKind.Generic,
            });
        }
    }

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_path}").Options);
}
