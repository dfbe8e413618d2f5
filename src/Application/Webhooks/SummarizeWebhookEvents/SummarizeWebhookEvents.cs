using IntegrationHub.Domain.Common;

namespace IntegrationHub.Application.Webhooks;

public sealed record SummarizeWebhookEventsQuery : IQuery<WebhookEventsSummary>;

/// <summary>How many events the inbox holds by status and by type: what arrives, and what the hub does not handle yet.</summary>
public sealed record WebhookEventsSummary(IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByType);

public sealed class SummarizeWebhookEventsHandler(IAppDbContext db) : IQueryHandler<SummarizeWebhookEventsQuery, WebhookEventsSummary>
{
    public async ValueTask<WebhookEventsSummary> Handle(SummarizeWebhookEventsQuery query, CancellationToken cancellationToken)
    {
        var byStatus = await db.WebhookEvents.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byType = await db.WebhookEvents.GroupBy(e => e.EventType).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new WebhookEventsSummary(
            byStatus.ToDictionary(s => s.Key.ToApiName(), s => s.Count),
            byType.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Count));
    }
}
