using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Web.Infrastructure.OpenApi;

namespace IntegrationHub.Web.Endpoints;

/// <summary>
/// The body of <c>POST /api/admin/webhook-events/replay</c>: which stored events to process again, every criterion
/// optional (<c>{}</c> is every event). A field the route does not know is refused, not skipped as elsewhere: a misspelt
/// filter (<c>"stauts"</c>) that were skipped would widen the replay to every event.
/// </summary>
public sealed record WebhookEventsFilterBody
{
    [ApiValues(typeof(WebhookEventStatus))]
    public string? Status { get; init; }

    /// <summary>The GoHighLevel event type as stored (ContactCreate, OutboundMessage, ...).</summary>
    public string? Type { get; init; }

    public string? LocationId { get; init; }

    /// <summary>Received at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Received before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Whatever else the body held: refused by <see cref="ToReplayCommand"/>.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    public ReplayMatchingWebhookEventsCommand ToReplayCommand()
    {
        if (Unknown is { Count: > 0 })
        {
            throw new ValidationException(Unknown.Keys.ToDictionary(name => name, name => new[]
            {
                $"{name} is not a filter of this route (status, type, locationId, from, to); nothing was replayed.",
            }));
        }

        return new ReplayMatchingWebhookEventsCommand(Status, Type, LocationId, From, To);
    }
}
