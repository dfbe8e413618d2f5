using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>Retention: contact sync runs that finished (succeeded or failed) before the cutoff; returns how many were deleted.</summary>
public sealed record PurgeSyncRunsCommand(DateTime Cutoff) : ICommand<int>;

/// <summary>Queued and running runs are never purged: they still hold their integration's one-sync-at-a-time turn.</summary>
public sealed class PurgeSyncRunsHandler(IAppDbContext db, IBatchedDeletes deletes) : ICommandHandler<PurgeSyncRunsCommand, int>
{
    public async ValueTask<int> Handle(PurgeSyncRunsCommand command, CancellationToken cancellationToken)
    {
        var cutoff = command.Cutoff;
        return await deletes.DeleteAsync(db.SyncRuns.Where(r => (r.Status == SyncRunStatus.Succeeded || r.Status == SyncRunStatus.Failed)
            && r.FinishedAt < cutoff).Select(r => r.Id), ids => db.SyncRuns.Where(r => ids.Contains(r.Id)), cancellationToken);
    }
}
