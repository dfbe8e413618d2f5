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
    /// started it is handed over again; the job runs a run only while it is queued, so a late second hand-off does nothing.
    /// </summary>
    private async Task HandOffOrphanedRunsAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - OrphanedAfter;
        var orphaned = await db.SyncRuns.AsNoTracking()
            .Where(r => r.Status == SyncRunStatus.Queued && r.QueuedAt < cutoff)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var runId in orphaned)
        {
            logger.LogWarning("Contact sync run {SyncRunId} was still queued after {Minutes} minutes; handing it to the job runner again",
                runId, OrphanedAfter.TotalMinutes);
            jobs.EnqueueContactSync(runId);
        }
    }
}
