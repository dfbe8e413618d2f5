using System.Net;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.CrashRecovery;

/// <summary>
/// A contact sync cut off by a crash or kill must not stay "running": it blocked every later sync of its integration
/// for good (the reliability bench's SIGKILLs found it). The embedded database has one instance, so a restart ends it.
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)] // Restarts on the same SQLite file.
public sealed class InterruptedSyncRunTests
{
    [Test]
    public async Task A_run_cut_off_by_a_stop_ends_failed_at_the_next_start_and_a_new_one_can_begin()
    {
        using var ghl = new FakeGoHighLevel();
        var data = Path.Combine(Path.GetTempPath(), "ih-tests", "interrupted-" + Guid.NewGuid().ToString("N"));
        int integrationId, runId;
        using (var app = new HubApp(dataDirectory: data))
        {
            var tenant = await app.CreateTenant("Interrupted");
            var template = (await app.Anonymous().GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
            integrationId = (await (await app.Admin().PostJson("/api/admin/integrations", new
            {
                subAccountId = tenant.SubAccountId, integrationTemplateId = template, name = "Cut off",
                config = new { apiKey = FakeGoHighLevel.ValidToken, locationId = FakeGoHighLevel.NewLocationId(), baseUrl = ghl.Url, syncIntervalMinutes = 0 },
            })).Json(HttpStatusCode.Created)).Id();

            // The state a kill leaves behind: a run that started and never finished.
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var run = SyncRun.Queue(integrationId, "manual", DateTime.UtcNow);
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync();
            run.Start(DateTime.UtcNow);
            await db.SaveChangesAsync();
            runId = run.Id;
            (await app.Admin().PostAsync($"/api/admin/integrations/{integrationId}/sync", null)).StatusCode.Should().Be(HttpStatusCode.Conflict,
                "while a run is going no other starts");
        }

        using (var restarted = new HubApp(dataDirectory: data))
        {
            var runs = (await restarted.Admin().GetJson($"/api/admin/integrations/{integrationId}/sync-runs")).AsArray();
            var cutOff = runs.Single(r => r!.Id() == runId)!;
            cutOff.Str("status").Should().Be("failed");
            cutOff.Str("error").Should().StartWith("Interrupted");
            var next = await (await restarted.Admin().PostAsync($"/api/admin/integrations/{integrationId}/sync", null)).Json(HttpStatusCode.Accepted);
            next["syncRunId"]!.GetValue<int>().Should().NotBe(runId);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }
}
