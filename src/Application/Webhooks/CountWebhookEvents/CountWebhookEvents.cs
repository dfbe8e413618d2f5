namespace IntegrationHub.Application.Webhooks;

/// <summary>How many stored events match a filter: the preview an admin sees before replaying them.</summary>
public sealed record CountWebhookEventsQuery(string? Status, string? Type, string? LocationId, DateTimeOffset? From, DateTimeOffset? To)
    : IQuery<WebhookEventCount>, IWebhookEventFilter;

public sealed record WebhookEventCount(int Count);

public sealed class CountWebhookEventsQueryValidator : WebhookEventFilterValidator<CountWebhookEventsQuery>;

public sealed class CountWebhookEventsHandler(IAppDbContext db) : IQueryHandler<CountWebhookEventsQuery, WebhookEventCount>
{
    public async ValueTask<WebhookEventCount> Handle(CountWebhookEventsQuery query, CancellationToken cancellationToken) =>
        new(await db.WebhookEvents.AsNoTracking().Matching(query).CountAsync(cancellationToken));
}
