using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

/// <summary>Retention: processed and unhandled events received before the cutoff; returns how many were deleted.</summary>
public sealed record PurgeWebhookEventsCommand(DateTime Cutoff) : ICommand<int>;

/// <summary>Dead letters, unmatched and pending events are kept until an admin replays or deletes them.</summary>
public sealed class PurgeWebhookEventsHandler(IAppDbContext db, IBatchedDeletes deletes) : ICommandHandler<PurgeWebhookEventsCommand, int>
{
    public async ValueTask<int> Handle(PurgeWebhookEventsCommand command, CancellationToken cancellationToken)
    {
        var cutoff = command.Cutoff;
        return await deletes.DeleteAsync(db.WebhookEvents.Where(e => (e.Status == WebhookEventStatus.Processed || e.Status == WebhookEventStatus.Unhandled)
            && e.ReceivedAt < cutoff).Select(e => e.Id), ids => db.WebhookEvents.Where(e => ids.Contains(e.Id)), cancellationToken);
    }
}
