using System.Text.Json.Nodes;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>
/// An installation from before two-way contacts: its GoHighLevel template's schema (perhaps edited by an admin) gains the
/// <c>conflictPolicy</c> property once, so the console offers it; everything else in it, and every other template, stays.
/// </summary>
public sealed class ConflictPolicyMigrationTests
{
    private string _path = null!;

    [SetUp]
    public void ChoosePath() => _path = Path.Combine(Path.GetTempPath(), $"ih-policy-{Guid.NewGuid():N}.db");

    [TearDown]
    public void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Test]
    public async Task The_gohighlevel_template_gains_the_conflict_policy_property_and_keeps_the_admins_edits()
    {
        const string edited = """{"type":"object","required":["apiKey"],"properties":{"apiKey":{"type":"string","title":"Token"},"region":{"type":"string"}}}""";
        const string ownPolicy = """{"type":"object","properties":{"conflictPolicy":{"type":"string","enum":["manual"]}}}""";
        const string generic = """{"type":"object","properties":{"token":{"type":"string"}}}""";
        await using (var db = NewContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_ConflictPolicyInTemplate", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            foreach (var (name, kind, schema) in new[] { ("gohighlevel", "GoHighLevel", edited), ("ghl-agency", "GoHighLevel", ownPolicy), ("pipedrive", "Generic", generic) })
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "IntegrationTemplates" ("Name", "DisplayName", "Category", "IsActive", "ConfigSchema", "CreatedAt", "UpdatedAt", "Kind")
                    VALUES ({name}, {name}, 'CRM', 1, {schema}, '2026-11-01 00:00:00', '2026-11-01 00:00:00', {kind})
                    """);
            }
        }

        await using (var db = NewContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations.Single(m => m.EndsWith("_ConflictPolicyInTemplate", StringComparison.Ordinal)));
            var schemas = await db.IntegrationTemplates.ToDictionaryAsync(t => t.Name, t => JsonNode.Parse(t.ConfigSchema)!);

            var upgraded = schemas["gohighlevel"]["properties"]!;
            upgraded["conflictPolicy"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("lastWriteWins", "manual");
            upgraded["conflictPolicy"]!["default"]!.GetValue<string>().Should().Be("lastWriteWins");
            upgraded["apiKey"]!["title"]!.GetValue<string>().Should().Be("Token", "the admin's edits stay");
            upgraded["region"].Should().NotBeNull();
            schemas["gohighlevel"]["required"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("apiKey");
            schemas["ghl-agency"].ToJsonString().Should().Be(JsonNode.Parse(ownPolicy)!.ToJsonString(), "a policy property already there is the admin's");
            schemas["pipedrive"].ToJsonString().Should().Be(JsonNode.Parse(generic)!.ToJsonString(), "other kinds are not GoHighLevel");
        }

        // Migration Bookings adds bookingSync the same way, once, to GoHighLevel templates only.
        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
            var schemas = await db.IntegrationTemplates.ToDictionaryAsync(t => t.Name, t => JsonNode.Parse(t.ConfigSchema)!);
            foreach (var name in new[] { "gohighlevel", "ghl-agency" })
            {
                var sync = schemas[name]["properties"]!["bookingSync"]!;
                sync["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("blockSlot", "appointment", "off");
                sync["default"]!.GetValue<string>().Should().Be("blockSlot");
            }

            schemas["ghl-agency"]["properties"]!["conflictPolicy"]!["enum"]!.AsArray().Should().ContainSingle("the admin's own policy property stays");
            schemas["pipedrive"].ToJsonString().Should().Be(JsonNode.Parse(generic)!.ToJsonString());
        }
    }

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_path}").Options);
}
