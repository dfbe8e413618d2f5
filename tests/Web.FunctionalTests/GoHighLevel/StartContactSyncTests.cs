using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.Storage;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Infrastructure.Jobs;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel;

/// <summary>
/// A contact sync from GoHighLevel into leads (StartContactSync, ContactSyncJob): pages read, nothing created twice, one
/// run per integration at a time (the database says so too), a refusal failing the run, its recurring schedule, and a
/// run whose hand-off was lost handed over again.
/// </summary>
[TestFixture]
public sealed class StartContactSyncTests : GoHighLevelConnectorFixture
{
    [Test]
    public async Task Sync_pages_through_contacts_into_leads_and_running_it_again_creates_nothing_new()
    {
        var (tenant, id) = await Connected();
        var stamp = DateTimeOffset.UtcNow.AddDays(-2);
        var ids = Enumerable.Range(1, 230).Select(i => Ghl.AddContact($"First{i}", $"Last{i}", $"c{i}@sync.test", stamp)).ToList();

        var started = await Admin.PostAsync($"/api/admin/integrations/{id}/sync", null);
        var runId = (await started.Json(HttpStatusCode.Accepted))["syncRunId"]!.GetValue<int>();
        var run = await FinishedRun(id, runId);
        run.Str("status").Should().Be("succeeded");
        run["created"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(230);
        run["pages"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(3);
        run["failed"]!.GetValue<int>().Should().Be(0);

        var leads = await tenant.Client.GetJson("/api/leads?pageSize=100");
        leads["total"]!.GetValue<int>().Should().Be(run["created"]!.GetValue<int>());
        var all = new List<JsonNode>();
        for (var page = 1; all.Count < leads["total"]!.GetValue<int>(); page++)
        {
            all.AddRange((await tenant.Client.GetJson($"/api/leads?pageSize=100&page={page}"))["items"]!.AsArray().Select(l => l!));
        }

        all.Select(l => l.Str("externalContactId")).Should().OnlyHaveUniqueItems().And.Contain(ids);
        var one = all.Single(l => l.Str("externalContactId") == ids[0]);
        one.Str("name").Should().Be("first1 last1");
        one["regularUserId"]!.GetValue<int>().Should().Be(tenant.UserId);
        one["strategyId"]!.GetValue<int>().Should().Be(tenant.StrategyId);

        // Again: nothing new. A contact changed in GoHighLevel since: updated (last write wins).
        Ghl.AddContact("Changed", "Name", "c1@sync.test", DateTimeOffset.UtcNow, id: ids[0]);
        var again = await FinishedRun(id, (await (await Admin.PostAsync($"/api/admin/integrations/{id}/sync", null)).Json(HttpStatusCode.Accepted))["syncRunId"]!.GetValue<int>());
        again["created"]!.GetValue<int>().Should().Be(0);
        again["updated"]!.GetValue<int>().Should().Be(1);
        (await tenant.Client.GetJson("/api/leads?pageSize=1"))["total"]!.GetValue<int>().Should().Be(leads["total"]!.GetValue<int>());
        (await tenant.Client.GetJson($"/api/leads/{one.Id()}")).Str("firstName").Should().Be("Changed");

        var integration = await Admin.GetJson($"/api/admin/integrations/{id}");
        integration.Str("status").Should().Be("active", "a successful sync proves the connection");
    }

    [Test]
    public async Task Only_one_sync_runs_per_integration_at_a_time()
    {
        var (_, id) = await Connected();
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var running = SyncRun.Queue(id, "manual", DateTime.UtcNow);
            running.Start(DateTime.UtcNow);
            db.SyncRuns.Add(running);
            await db.SaveChangesAsync();
        }

        await (await Admin.PostAsync($"/api/admin/integrations/{id}/sync", null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task A_sync_that_gohighlevel_refuses_fails_the_run_and_the_integration()
    {
        var (_, id) = await Connected(apiKey: "pit-not-accepted-555");
        var runId = (await (await Admin.PostAsync($"/api/admin/integrations/{id}/sync", null)).Json(HttpStatusCode.Accepted))["syncRunId"]!.GetValue<int>();
        var run = await FinishedRun(id, runId);
        run.Str("status").Should().Be("failed");
        run.Str("error").Should().Contain("401").And.NotContain("pit-not-accepted-555");
        (await Admin.GetJson($"/api/admin/integrations/{id}")).Str("status").Should().Be("error");
    }

    [Test]
    public async Task The_database_itself_allows_one_active_sync_run_per_integration()
    {
        // What makes "one sync at a time" hold between instances: two instances may both pass the check before queuing.
        var (_, integrationId) = await Connected();
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.SyncRuns.Add(SyncRun.Queue(integrationId, "manual", DateTime.UtcNow));
        db.SyncRuns.Add(SyncRun.Queue(integrationId, "scheduled", DateTime.UtcNow));

        var save = () => db.SaveChangesAsync();
        await save.Should().ThrowAsync<DbUpdateException>();

        db.ChangeTracker.Clear();
        (await ContactSyncJob.QueueAsync(db, integrationId, "manual", TimeProvider.System, CancellationToken.None)).Should().NotBeNull();
        (await ContactSyncJob.QueueAsync(db, integrationId, "manual", TimeProvider.System, CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task A_sync_interval_schedules_a_recurring_job_and_zero_removes_it()
    {
        var (_, id) = await Connected(syncInterval: 15);
        var storage = App.Services.GetRequiredService<JobStorage>();
        RecurringJobDto? Job()
        {
            using var connection = storage.GetConnection();
            return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == ContactSyncScheduler.JobId(id));
        }

        // Reconciled from the committed config (nudged by the change), so a crash in between cannot leave them apart.
        (await Poll.Eventually(() => Task.FromResult(Job()), "the recurring job")).Cron.Should().Be("*/15 * * * *");

        // A schedule change lost between the commit and the job storage (a crash) comes back at the next reconciliation.
        App.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(ContactSyncScheduler.JobId(id));
        await App.Services.GetRequiredService<ContactSyncScheduler>().ReconcileAsync(CancellationToken.None);
        Job()!.Cron.Should().Be("*/15 * * * *");

        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { syncIntervalMinutes = 0 } })).Json(HttpStatusCode.OK);
        await Poll.Eventually(() => Task.FromResult(Job() is null ? "removed" : null), "the recurring job to be removed");
    }

    [Test]
    public async Task A_queued_run_whose_hand_off_was_lost_is_handed_over_again()
    {
        // As after a crash between the run's commit and its hand-off to the job runner: queued, with no job.
        var (_, id) = await Connected();
        int runId;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var run = SyncRun.Queue(id, "manual", DateTime.UtcNow - ContactSyncScheduler.OrphanedAfter - TimeSpan.FromMinutes(1));
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }

        await App.Services.GetRequiredService<ContactSyncScheduler>().ReconcileAsync(CancellationToken.None);
        (await FinishedRun(id, runId)).Str("status").Should().Be("succeeded");
        App.Logs.Lines.Should().Contain(l => l.Contains($"Contact sync run {runId} was still queued", StringComparison.Ordinal));
    }
}
