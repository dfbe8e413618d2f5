using IntegrationHub.Domain.Integrations;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// Makes the recurring contact syncs equal to the committed integrations' intervals, and hands queued runs whose
/// hand-off was lost to the job runner again.
/// </summary>
public sealed record ReconcileContactSyncsCommand : ICommand;

public sealed class ReconcileContactSyncsHandler(IAppDbContext db, IContactSyncRecurrences recurrences, IBackgroundJobs jobs, TimeProvider clock,
    ILogger<ReconcileContactSyncsHandler> logger) : ICommandHandler<ReconcileContactSyncsCommand>
{
    /// <summary>Long after a hand-off would have started the run.</summary>
    public static readonly TimeSpan OrphanedAfter = TimeSpan.FromMinutes(10);

    public async ValueTask<Unit> Handle(ReconcileContactSyncsCommand command, CancellationToken cancellationToken)
    {
        recurrences.Match(await DesiredContactSyncSchedules.ReadAsync(db, cancellationToken));
        await HandOffOrphanedRunsAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>
    /// A manual run is queued in the database and then handed to the job runner; a crash between the two left it queued
    /// for good (and blocking every later run of its integration). One still queued long after a hand-off would have
    /// started it is handed over again, by one reconciler only: each claims the run by moving its queue time on, so two
    /// reconciles at once (two instances, or a start-up pass beside a nudge) never hand it over twice, which would make
    /// the second job find it running and end it as interrupted.
    /// </summary>
    private async Task HandOffOrphanedRunsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - OrphanedAfter;
        var orphaned = await db.SyncRuns.AsNoTracking()
            .Where(r => r.Status == SyncRunStatus.Queued && r.QueuedAt < cutoff)
            .Select(r => new { r.Id, r.QueuedAt }).ToListAsync(cancellationToken);
        foreach (var run in orphaned)
        {
            var claimed = await db.SyncRuns
                .Where(r => r.Id == run.Id && r.Status == SyncRunStatus.Queued && r.QueuedAt == run.QueuedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.QueuedAt, now), cancellationToken);
            if (claimed == 0)
            {
                continue; // Another reconciler took it, or it started meanwhile.
            }

            logger.LogWarning("Contact sync run {SyncRunId} was still queued after {Minutes} minutes; handing it to the job runner again",
                run.Id, OrphanedAfter.TotalMinutes);
            jobs.EnqueueContactSync(run.Id);
        }
    }
}
