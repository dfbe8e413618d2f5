using System.Text.Json;

namespace IntegrationHub.Application.GoHighLevel;

// What the hub reads from and sends to GoHighLevel (API v2), in the hub's terms. The envelopes GoHighLevel wraps them in
// on the wire (and its spellings: "succeded", "access_token") stay in Infrastructure. Unknown fields are ignored.

public sealed record GhlLocation
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Timezone { get; init; }
    public string? CompanyId { get; init; }
}

public sealed record GhlCalendar
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public string? LocationId { get; init; }
}

/// <summary>Blocks time in a calendar. Give <c>calendarId</c> or <c>assignedUserId</c>, not both.</summary>
public sealed record GhlBlockSlotRequest
{
    public string Title { get; init; } = "";
    public string? CalendarId { get; init; }
    public string? AssignedUserId { get; init; }
    public string LocationId { get; init; } = "";
    public string StartTime { get; init; } = "";
    public string EndTime { get; init; } = "";
}

public sealed record GhlBlockSlot
{
    public string Id { get; init; } = "";
    public string? LocationId { get; init; }
    public string? Title { get; init; }
    public string? StartTime { get; init; }
    public string? EndTime { get; init; }
    public string? CalendarId { get; init; }
}

/// <summary>The contact fields GoHighLevel both returns and accepts (create, update, upsert).</summary>
public abstract record GhlContactFields
{
    public string? LocationId { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Address1 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
    public string? CompanyName { get; init; }
    public string? Source { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
}

public sealed record GhlContact : GhlContactFields
{
    public string Id { get; init; } = "";
    public string? ContactName { get; init; }
    public DateTimeOffset? DateAdded { get; init; }
    public DateTimeOffset? DateUpdated { get; init; }

    /// <summary>Read-only here: the update takes it too, but only the hub's contact.update sends it (<see cref="ContactFieldMap"/>).</summary>
    public string? Timezone { get; init; }

    /// <summary>Read as <c>[{id, value}]</c>; written as <c>[{id, field_value}]</c>.</summary>
    public IReadOnlyList<GhlCustomFieldValue>? CustomFields { get; init; }

    /// <summary>The cursor to pass as <c>searchAfter</c> for the next page of a contact search.</summary>
    public IReadOnlyList<JsonElement>? SearchAfter { get; init; }
}

/// <summary>The body of create, update and upsert contact.</summary>
public sealed record GhlContactRequest : GhlContactFields;

public sealed record GhlUpsertContactResponse
{
    public bool New { get; init; }
    public GhlContact? Contact { get; init; }
    public string? TraceId { get; init; }
}

public sealed record GhlSearchContactsRequest
{
    public string LocationId { get; init; } = "";
    public int PageLimit { get; init; } = 100;
    public IReadOnlyList<JsonElement>? SearchAfter { get; init; }
    public string? Query { get; init; }
}

public sealed record GhlSearchContactsResponse(IReadOnlyList<GhlContact>? Contacts, int Total);

public sealed record GhlCustomFieldValue(string? Id, JsonElement? Value);

/// <summary>
/// <c>POST /conversations/messages</c> (conversations.json, <c>SendMessageBodyDto</c>): addressed by contact; e-mails add a
/// subject and HTML. The 2026 spec lists <c>subType</c> and <c>status</c> as required: sent as the type and "pending".
/// </summary>
public sealed record GhlSendMessageRequest
{
    public string Type { get; init; } = "";
    public string? SubType { get; init; }
    public string? Status { get; init; }
    public string ContactId { get; init; } = "";
    public string? Message { get; init; }
    public string? Subject { get; init; }
    public string? Html { get; init; }
}

/// <summary>GoHighLevel's answer to a sent message (<c>SendMessageResponseDto</c>).</summary>
public sealed record GhlSendMessageResponse
{
    public string? ConversationId { get; init; }
    public string? MessageId { get; init; }
    public string? EmailMessageId { get; init; }
    public string? Msg { get; init; }
}

/// <summary>
/// <c>POST /calendars/events/appointments</c> and its <c>PUT</c> (calendars.json, <c>AppointmentCreateSchema</c>): times
/// ISO-8601 with an offset; <c>ignoreFreeSlotValidation</c> so a booking made in the hub is not refused as busy, and
/// <c>toNotify: false</c> so GoHighLevel's automations stay quiet.
/// </summary>
public sealed record GhlAppointmentRequest
{
    public string? CalendarId { get; init; }
    public string? LocationId { get; init; }
    public string? ContactId { get; init; }
    public string? StartTime { get; init; }
    public string? EndTime { get; init; }
    public string? Title { get; init; }
    public string? AppointmentStatus { get; init; }
    public bool? IgnoreFreeSlotValidation { get; init; }
    public bool? ToNotify { get; init; }
}

/// <summary>A calendar event as GoHighLevel returns it (appointment or block slot).</summary>
public sealed record GhlCalendarEvent
{
    public string Id { get; init; } = "";
    public string? CalendarId { get; init; }
    public string? Title { get; init; }
    public string? StartTime { get; init; }
    public string? EndTime { get; init; }
    public string? AppointmentStatus { get; init; }
}

/// <summary>Free slots of a calendar: GoHighLevel's answer, flattened (its days are keys of one object).</summary>
public sealed record GhlFreeSlots(IReadOnlyList<string> Slots);
