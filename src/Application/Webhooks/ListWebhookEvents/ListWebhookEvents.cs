using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

public sealed record ListWebhookEventsQuery(string? Status, string? Type, string? LocationId, int? Limit) : IQuery<IReadOnlyList<WebhookEventDto>>;

/// <summary>The inbox, newest first, filtered by status, type and location.</summary>
public sealed class ListWebhookEventsHandler(IAppDbContext db) : IQueryHandler<ListWebhookEventsQuery, IReadOnlyList<WebhookEventDto>>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

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

        // Out of range is an error, as for pageSize elsewhere: quietly clamping made limit=0 or 100000 look accepted.
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new ValidationException("limit", $"limit must be from 1 to {MaxLimit} (default {DefaultLimit}).");
        }

        return (await events.OrderByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken)).Select(WebhookEventDto.From).ToList();
    }
}
