using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

public sealed record ReplayWebhookEventCommand(int Id) : ICommand<WebhookEventDto>;

/// <summary>Processes a stored event again (processing is idempotent); an unmatched one is routed if its location exists now.</summary>
public sealed class ReplayWebhookEventHandler(IAppDbContext db, IWebhookRoutes routes, IWebhookDispatcher dispatcher)
    : ICommandHandler<ReplayWebhookEventCommand, WebhookEventDto>
{
    public async ValueTask<WebhookEventDto> Handle(ReplayWebhookEventCommand command, CancellationToken cancellationToken)
    {
        var webhookEvent = await db.WebhookEvents.SingleOrDefaultAsync(e => e.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Webhook event", command.Id);

        // An event that arrived before its integration existed can be matched now.
        var route = webhookEvent.LocationId is null ? null : await routes.FindAsync(webhookEvent.LocationId, cancellationToken);
        webhookEvent.Replay(route?.IntegrationId, route?.SubAccountId);
        await db.SaveChangesAsync(cancellationToken);
        if (webhookEvent.Status == WebhookEventStatus.Received)
        {
            dispatcher.Dispatch(webhookEvent.Id);
        }

        return WebhookEventDto.From(webhookEvent);
    }
}
