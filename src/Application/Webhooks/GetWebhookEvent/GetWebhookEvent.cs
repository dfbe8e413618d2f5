using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

public sealed record GetWebhookEventQuery(int Id) : IQuery<WebhookEventDetailsDto>;

public sealed class GetWebhookEventHandler(IAppDbContext db) : IQueryHandler<GetWebhookEventQuery, WebhookEventDetailsDto>
{
    public async ValueTask<WebhookEventDetailsDto> Handle(GetWebhookEventQuery query, CancellationToken cancellationToken)
    {
        var webhookEvent = await db.WebhookEvents.AsNoTracking().Include(e => e.Attempts)
            .SingleOrDefaultAsync(e => e.Id == query.Id, cancellationToken) ?? throw new NotFoundException("Webhook event", query.Id);
        return new WebhookEventDetailsDto(WebhookEventDto.From(webhookEvent), webhookEvent.Body,
            webhookEvent.Attempts.OrderBy(a => a.Number).Select(a => new WebhookAttemptDto(a.Number, a.At, a.DurationMs, a.Succeeded, a.Error)).ToList());
    }
}
