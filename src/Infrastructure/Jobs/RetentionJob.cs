using System.ComponentModel;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Options;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Jobs;

/// <summary>
/// Recurring: purges processed (and unhandled) webhook events, finished sync runs and alerts older than
/// <c>IntegrationHub:Retention:Days</c>, a small batch per statement so no write lock is held long. Dead letters,
/// unmatched and pending events are kept until an admin replays or deletes them.
/// </summary>
public sealed class RetentionJob(AppDbContext db, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "retention-purge";
    private const int BatchSize = 500;

    [DisplayName("Retention purge")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(options.Value.Days);
        var events = await PurgeAsync(db.WebhookEvents.Where(e => (e.Status == WebhookEventStatus.Processed || e.Status == WebhookEventStatus.Unhandled)
            && e.ReceivedAt < cutoff).Select(e => e.Id), ids => db.WebhookEvents.Where(e => ids.Contains(e.Id)), cancellationToken);
        var runs = await PurgeAsync(db.SyncRuns.Where(r => (r.Status == SyncRunStatus.Succeeded || r.Status == SyncRunStatus.Failed)
            && r.FinishedAt < cutoff).Select(r => r.Id), ids => db.SyncRuns.Where(r => ids.Contains(r.Id)), cancellationToken);
        var alerts = await PurgeAsync(db.IntegrationAlerts.Where(a => a.RaisedAt < cutoff).Select(a => a.Id),
            ids => db.IntegrationAlerts.Where(a => ids.Contains(a.Id)), cancellationToken);
        logger.LogInformation("Retention purge: {Events} webhook events, {Runs} sync runs, {Alerts} alerts older than {Cutoff:u}",
            events, runs, alerts, cutoff);
    }

    private async Task<int> PurgeAsync<T>(IQueryable<int> expired, Func<List<int>, IQueryable<T>> rows, CancellationToken cancellationToken)
    {
        var purged = 0;
        while (true)
        {
            var batch = await expired.OrderBy(id => id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return purged;
            }

            using (db.Database.IsSqlite() ? await SqliteWriteGate.EnterAsync(cancellationToken) : default(SqliteWriteGate.Turn?))
            {
                purged += await rows(batch).ExecuteDeleteAsync(cancellationToken);
            }
        }
    }
}
