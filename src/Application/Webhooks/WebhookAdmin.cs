using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.Webhooks;

public sealed record ListWebhookEventsQuery(string? Status, string? Type, string? LocationId, int? Limit) : IQuery<IReadOnlyList<WebhookEventDto>>;

public sealed record GetWebhookEventQuery(int Id) : IQuery<WebhookEventDetailsDto>;

public sealed record ReplayWebhookEventCommand(int Id) : ICommand<WebhookEventDto>;

public sealed record WebhookEventDto(int Id, string DeliveryId, string Source, string EventType, string? LocationId, int? IntegrationId,
    int? SubAccountId, string SignatureScheme, string Status, int AttemptCount, DateTime? NextAttemptAt, string? LastError,
    DateTime ReceivedAt, DateTime? ProcessedAt);

public sealed record WebhookAttemptDto(int Number, DateTime At, int DurationMs, bool Succeeded, string? Error);

public sealed record WebhookEventDetailsDto(WebhookEventDto Event, System.Text.Json.JsonElement Body, IReadOnlyList<WebhookAttemptDto> Attempts);

public sealed class WebhookAdminHandlers(IAppDbContext db, IWebhookRoutes routes, IWebhookDispatcher dispatcher)
    : IQueryHandler<ListWebhookEventsQuery, IReadOnlyList<WebhookEventDto>>,
      IQueryHandler<GetWebhookEventQuery, WebhookEventDetailsDto>,
      ICommandHandler<ReplayWebhookEventCommand, WebhookEventDto>
{
    public async ValueTask<IReadOnlyList<WebhookEventDto>> Handle(ListWebhookEventsQuery query, CancellationToken cancellationToken)
    {
        var events = db.WebhookEvents.AsNoTracking();
        if (query.Status is { } statusText)
        {
            if (!Enum.TryParse<WebhookEventStatus>(statusText, ignoreCase: true, out var status) || int.TryParse(statusText, out _))
            {
                throw new ValidationException("status", "status must be one of " + string.Join(", ", Enum.GetNames<WebhookEventStatus>().Select(ToApi)) + ".");
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
        return (await events.OrderByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken)).Select(ToDto).ToList();
    }

    public async ValueTask<WebhookEventDetailsDto> Handle(GetWebhookEventQuery query, CancellationToken cancellationToken)
    {
        var webhookEvent = await db.WebhookEvents.AsNoTracking().Include(e => e.Attempts)
            .SingleOrDefaultAsync(e => e.Id == query.Id, cancellationToken) ?? throw new NotFoundException("Webhook event", query.Id);
        return new WebhookEventDetailsDto(ToDto(webhookEvent), System.Text.Json.JsonDocument.Parse(webhookEvent.Body).RootElement.Clone(),
            webhookEvent.Attempts.OrderBy(a => a.Number).Select(a => new WebhookAttemptDto(a.Number, a.At, a.DurationMs, a.Succeeded, a.Error)).ToList());
    }

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

        return ToDto(webhookEvent);
    }

    private static WebhookEventDto ToDto(WebhookEvent e) => new(e.Id, e.DeliveryId, e.Source, e.EventType, e.LocationId, e.IntegrationId,
        e.SubAccountId, e.SignatureScheme, ToApi(e.Status.ToString()), e.AttemptCount, e.NextAttemptAt, e.LastError, e.ReceivedAt, e.ProcessedAt);

    private static string ToApi(string status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status);
}
