using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

public sealed record ListWebhookEventsQuery(string? Status, string? Type, string? LocationId, int? Limit) : IQuery<IReadOnlyList<WebhookEventDto>>;

/// <summary>The inbox, newest first, filtered by status, type and location.</summary>
public sealed class ListWebhookEventsHandler(IAppDbContext db) : IQueryHandler<ListWebhookEventsQuery, IReadOnlyList<WebhookEventDto>>
{
    public async ValueTask<IReadOnlyList<WebhookEventDto>> Handle(ListWebhookEventsQuery query, CancellationToken cancellationToken)
    {
        var events = db.WebhookEvents.AsNoTracking();
        if (query.Status is { } statusText)
        {
            if (!Enum.TryParse<WebhookEventStatus>(statusText, ignoreCase: true, out var status) || int.TryParse(statusText, out _))
            {
                throw new ValidationException("status", "status must be one of " + string.Join(", ", Enum.GetNames<WebhookEventStatus>().Select(n => Enum.Parse<WebhookEventStatus>(n).ToApiName())) + ".");
            }

            events = events.Where(e => e.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            events = events.Where(e => e.EventType == query.Type);
        }

        if (!string.IsNullOrWhiteSpace(query.LocationId))
        {
            events = events.Where(e => e.LocationId == query.LocationId);
        }

        var limit = Math.Clamp(query.Limit ?? 100, 1, 500);
        return (await events.OrderByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken)).Select(WebhookEventDto.From).ToList();
    }
}
