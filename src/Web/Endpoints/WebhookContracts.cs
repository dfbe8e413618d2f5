using System.Text.Json;

namespace IntegrationHub.Web.Endpoints;

/// <summary>The answer to a delivery: <c>accepted</c> (202, stored now) or <c>duplicate</c> (200, stored before).</summary>
public sealed record WebhookAnswer(string Status, int EventId);

/// <summary>
/// The body of <c>POST /api/webhook</c> as GoHighLevel sends it (native, flat). Documentation only: the endpoint reads the
/// raw bytes, because signatures cover them exactly. The seed envelope <c>{type, source, payload}</c> and a workflow's
/// default payload (<c>contact_id</c>, <c>location.id</c>, ...) are understood too; any other field is kept.
/// </summary>
public sealed record GoHighLevelWebhookBody
{
    /// <summary>ContactCreate, ContactUpdate, ContactTagUpdate, ContactDelete, InboundMessage, OutboundMessage, ...</summary>
    public string? Type { get; init; }

    /// <summary>The GoHighLevel location: the only field every event must have (it routes the event to its integration).</summary>
    public required string LocationId { get; init; }

    /// <summary>GoHighLevel's delivery id: a repeated one is a duplicate.</summary>
    public string? WebhookId { get; init; }

    /// <summary>When GoHighLevel sent it (ISO-8601); outside the tolerance window it is refused.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The contact id, on contact events.</summary>
    public string? Id { get; init; }

    /// <summary>The contact id, on message events.</summary>
    public string? ContactId { get; init; }

    public string? MessageId { get; init; }
    public string? MessageType { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary><c>[{id, value}]</c>, as GoHighLevel sends custom fields.</summary>
    public IReadOnlyList<JsonElement>? CustomFields { get; init; }
}
