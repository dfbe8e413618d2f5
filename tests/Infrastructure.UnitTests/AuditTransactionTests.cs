using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Access;
using IntegrationHub.Domain.Tenancy;
using IntegrationHub.Infrastructure.Audit;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>
/// The audit rows commit with the change or not at all: a save the database refuses leaves neither the change nor a row;
/// a new entity's row names the id the save gave it; work with no caller writes none. A real SQLite file.
/// </summary>
public sealed class AuditTransactionTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private string _path = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _path = Path.Combine(Path.GetTempPath(), $"ih-audit-{Guid.NewGuid():N}.db");
        await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_path}").Options);
        await db.Database.MigrateAsync();
        db.Add(AdminUser.Create("taken@hub.test", "First", "hash-1", Now));
        await db.SaveChangesAsync();
    }

    [TearDown]
    public void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Test]
    public async Task A_new_entity_is_one_row_naming_the_id_the_save_gave_it_and_its_fields()
    {
        var (db, trail) = Audited(new Admin());
        await using (db)
        {
            using (trail.Begin("CreateSubAccount"))
            {
                db.Add(SubAccount.Create("Audited", "Europe/Paris", Now));
                await db.SaveChangesAsync();
            }
        }

        var id = (await Read(c => c.SubAccounts.SingleAsync())).Id;
        var row = await Read(c => c.AuditEntries.SingleAsync());
        (row.Action, row.EntityType, row.EntityId, row.SubAccountId, row.ActorId, row.Ip)
            .Should().Be(("CreateSubAccount", "SubAccount", id.ToString(System.Globalization.CultureInfo.InvariantCulture), id, 7, "10.0.0.1"));
        row.ChangedFields.Should().Contain(["name", "timezone"]).And.NotContain("createdAt");
    }

    [Test]
    public async Task A_save_the_database_refuses_leaves_neither_the_change_nor_a_row()
    {
        var (db, trail) = Audited(new Admin());
        await using (db)
        {
            using (trail.Begin("CreateAdmin"))
            {
                db.Add(SubAccount.Create("In the same save", null, Now));
                db.Add(AdminUser.Create("taken@hub.test", "Second", "hash-2", Now)); // the unique e-mail index refuses it
                var save = () => db.SaveChangesAsync();
                await save.Should().ThrowAsync<DbUpdateException>();
            }
        }

        (await Read(c => c.AuditEntries.CountAsync())).Should().Be(0);
        (await Read(c => c.SubAccounts.CountAsync())).Should().Be(0);
    }

    [Test]
    public async Task A_row_that_cannot_be_written_undoes_the_change_it_was_for()
    {
        await Read(c => c.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" RENAME TO \"AuditEntriesAway\""));
        var (db, trail) = Audited(new Admin());
        await using (db)
        {
            using (trail.Begin("CreateSubAccount"))
            {
                db.Add(SubAccount.Create("Unaudited", null, Now));
                var save = () => db.SaveChangesAsync();
                await save.Should().ThrowAsync<Exception>("the audit row's insert fails");
            }
        }

        (await Read(c => c.SubAccounts.CountAsync())).Should().Be(0, "the change and its audit row are one transaction");
    }

    [Test]
    public async Task Work_without_a_caller_writes_no_row()
    {
        var (db, trail) = Audited(new Nobody());
        await using (db)
        {
            using (trail.Begin("ProcessWebhookEvents"))
            {
                db.Add(SubAccount.Create("From a job", null, Now));
                await db.SaveChangesAsync();
            }
        }

        (await Read(c => c.SubAccounts.CountAsync())).Should().Be(1);
        (await Read(c => c.AuditEntries.CountAsync())).Should().Be(0);
    }

    private (SqliteAppDbContext Db, AuditTrail Trail) Audited(ICurrentUser caller)
    {
        var trail = new AuditTrail(caller);
        var audit = new AuditInterceptor(trail, TimeProvider.System);
        var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_path}")
            .AddInterceptors(audit.Close, audit.Open).Options);
        return (db, trail);
    }

    private async Task<T> Read<T>(Func<SqliteAppDbContext, Task<T>> query)
    {
        await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_path}").Options);
        return await query(db);
    }

    private sealed class Admin : ICurrentUser
    {
        public bool IsAdmin => true;
        public int? AdminId => 7;
        public int? UserId => null;
        public int? SubAccountId => null;
        public string? Address => "10.0.0.1";
    }

    private sealed class Nobody : ICurrentUser
    {
        public bool IsAdmin => false;
        public int? AdminId => null;
        public int? UserId => null;
        public int? SubAccountId => null;
    }
}
