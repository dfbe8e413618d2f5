using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;
using IntegrationHub.Domain.Tenancy;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>
/// "One sync per integration" across instances: a run another instance queues between this one's check and its save is
/// refused by the database's unique index, recognised through IUniqueViolations, and queuing becomes a no-op.
/// </summary>
public sealed class ContactSyncQueueTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private string _path = null!;
    private int _integrationId;

    [SetUp]
    public async Task CreateDatabase()
    {
        _path = Path.Combine(Path.GetTempPath(), $"ih-sync-queue-{Guid.NewGuid():N}.db");
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        var subAccount = SubAccount.Create("Queue", "UTC", Now);
        var template = IntegrationTemplate.Create("race_test", new TemplateDetails("Race", null, "crm", null, true, "{}", null, null, null), null, Now);
        db.AddRange(subAccount, template);
        await db.SaveChangesAsync();
        var integration = Integration.Create(subAccount.Id, template.Id, "scope", "Race", null, "{}", null, null, Now);
        db.Add(integration);
        await db.SaveChangesAsync();
        _integrationId = integration.Id;
    }

    [TearDown]
    public void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Test]
    public async Task A_run_queued_elsewhere_between_the_check_and_the_save_makes_queuing_a_no_op()
    {
        var competitor = new QueueCompetingRun(this);
        await using var db = NewContext(competitor);

        var run = await ContactSyncJob.QueueAsync(db, _integrationId, "manual", TimeProvider.System, CancellationToken.None,
            new DatabaseUniqueViolations());

        run.Should().BeNull("the other instance's run is the one");
        competitor.Queued.Should().BeTrue();
        db.ChangeTracker.Entries<SyncRun>().Should().BeEmpty("the refused run is no longer staged for a later save");
        await using var check = NewContext();
        (await check.SyncRuns.CountAsync()).Should().Be(1);
    }

    private SqliteAppDbContext NewContext(params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_path}").AddInterceptors(interceptors).Options);

    /// <summary>Another instance: it queues a run for the same integration just before this context's first save.</summary>
    private sealed class QueueCompetingRun(ContactSyncQueueTests test) : SaveChangesInterceptor
    {
        public bool Queued { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (!Queued)
            {
                Queued = true;
                await using var other = test.NewContext();
                other.SyncRuns.Add(SyncRun.Queue(test._integrationId, "scheduled", Now));
                await other.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }
}
