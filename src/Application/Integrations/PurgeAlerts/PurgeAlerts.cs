namespace IntegrationHub.Application.Integrations;

/// <summary>Retention: alerts raised before the cutoff; returns how many were deleted.</summary>
public sealed record PurgeAlertsCommand(DateTime Cutoff) : ICommand<int>;

public sealed class PurgeAlertsHandler(IAppDbContext db, IBatchedDeletes deletes) : ICommandHandler<PurgeAlertsCommand, int>
{
    public async ValueTask<int> Handle(PurgeAlertsCommand command, CancellationToken cancellationToken)
    {
        var cutoff = command.Cutoff;
        return await deletes.DeleteAsync(db.IntegrationAlerts.Where(a => a.RaisedAt < cutoff).Select(a => a.Id),
            ids => db.IntegrationAlerts.Where(a => ids.Contains(a.Id)), cancellationToken);
    }
}
