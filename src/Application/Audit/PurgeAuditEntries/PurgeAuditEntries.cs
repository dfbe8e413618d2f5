namespace IntegrationHub.Application.Audit;

/// <summary>
/// Retention (<c>IntegrationHub:Retention:AuditDays</c>): audit rows written before the cutoff; returns how many were
/// deleted. The only way an audit row goes: no route edits or deletes one.
/// </summary>
public sealed record PurgeAuditEntriesCommand(DateTime Cutoff) : ICommand<int>;

public sealed class PurgeAuditEntriesHandler(IAppDbContext db, IBatchedDeletes deletes) : ICommandHandler<PurgeAuditEntriesCommand, int>
{
    public async ValueTask<int> Handle(PurgeAuditEntriesCommand command, CancellationToken cancellationToken)
    {
        var cutoff = command.Cutoff;
        return await deletes.DeleteAsync(db.AuditEntries.Where(a => a.At < cutoff).Select(a => a.Id),
            ids => db.AuditEntries.Where(a => ids.Contains(a.Id)), cancellationToken);
    }
}
