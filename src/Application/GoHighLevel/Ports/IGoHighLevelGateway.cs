namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// The GoHighLevel v2 API, with rate limiting, retries and OAuth refresh taken care of. Failures are
/// <see cref="GhlApiException"/> with a message fit for an admin (no secrets).
/// </summary>
public interface IGoHighLevelGateway
{
    /// <summary>The whole time a caller who is waiting (an admin's connection test) gives GoHighLevel, retries included.</summary>
    TimeSpan InteractiveDeadline { get; }

    Task<IReadOnlyList<GhlLocation>> SearchLocations(GhlConnection connection, string? companyId, CancellationToken cancellationToken);
    Task<GhlLocation> GetLocation(GhlConnection connection, CancellationToken cancellationToken);
    Task<IReadOnlyList<GhlCalendar>> GetCalendars(GhlConnection connection, CancellationToken cancellationToken);
    Task<GhlBlockSlot> CreateBlockSlot(GhlConnection connection, GhlBlockSlotRequest request, CancellationToken cancellationToken);
    Task<GhlContact> CreateContact(GhlConnection connection, GhlContactRequest request, CancellationToken cancellationToken);
    Task<GhlContact> UpdateContact(GhlConnection connection, string contactId, GhlContactRequest request, CancellationToken cancellationToken);
    /// <summary>
    /// <c>PUT /contacts/{id}</c> with exactly this body (only properties GoHighLevel declares; a null clears), built by
    /// <see cref="ContactFieldMap.ToUpdateBody"/>.
    /// </summary>
    Task<GhlContact> UpdateContactFields(GhlConnection connection, string contactId, System.Text.Json.Nodes.JsonObject body, CancellationToken cancellationToken);
    Task<GhlContact> GetContact(GhlConnection connection, string contactId, CancellationToken cancellationToken);

    /// <summary><c>DELETE /contacts/{id}</c>; a contact that is already gone counts as deleted.</summary>
    Task DeleteContact(GhlConnection connection, string contactId, CancellationToken cancellationToken);
    Task<GhlUpsertContactResponse> UpsertContact(GhlConnection connection, GhlContactRequest request, CancellationToken cancellationToken);
    Task<GhlSearchContactsResponse> SearchContacts(GhlConnection connection, GhlSearchContactsRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a message to a contact. Not safe to repeat: a try that may have reached GoHighLevel (a timeout, a connection
    /// lost mid-request) is not retried but fails with <see cref="GhlApiException.OutcomeUnknown"/>.
    /// </summary>
    Task<GhlSendMessageResponse> SendMessage(GhlConnection connection, GhlSendMessageRequest request, CancellationToken cancellationToken);

    Task<GhlCalendarEvent> CreateAppointment(GhlConnection connection, GhlAppointmentRequest request, CancellationToken cancellationToken);
    Task<GhlCalendarEvent> UpdateAppointment(GhlConnection connection, string eventId, GhlAppointmentRequest request, CancellationToken cancellationToken);
    Task<GhlBlockSlot> UpdateBlockSlot(GhlConnection connection, string eventId, GhlBlockSlotRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes an appointment or block slot; one GoHighLevel no longer has (404) counts as deleted.</summary>
    Task DeleteCalendarEvent(GhlConnection connection, string eventId, CancellationToken cancellationToken);

    /// <summary>The calendar's appointments (or blocked slots) between two instants, to find one a cut-off try made.</summary>
    Task<IReadOnlyList<GhlCalendarEvent>> CalendarEventsBetween(GhlConnection connection, string calendarId, bool blockedSlots, DateTimeOffset from,
        DateTimeOffset to, CancellationToken cancellationToken);

    Task<GhlFreeSlots> GetFreeSlots(GhlConnection connection, string calendarId, DateTimeOffset from, DateTimeOffset to, string? timezone,
        CancellationToken cancellationToken);
}

public enum GhlFailureKind
{
    /// <summary>401/403: the token is wrong, expired or lacks a scope. Not retried.</summary>
    Unauthorized,
    /// <summary>404 and other 4xx: the request or the location id is wrong.</summary>
    Rejected,
    /// <summary>429 after every retry.</summary>
    RateLimited,
    /// <summary>5xx, timeouts, connection failures, or the circuit breaker is open.</summary>
    Unavailable,
    /// <summary>The answer was not the JSON we expected.</summary>
    InvalidResponse,
}

/// <summary>A call to GoHighLevel failed. The message is safe to show and store: it never holds a secret.</summary>
public sealed class GhlApiException(GhlFailureKind kind, int? statusCode, string message, DateTimeOffset? retryAt = null) : Exception(message)
{
    public GhlFailureKind Kind { get; } = kind;
    public int? StatusCode { get; } = statusCode;

    /// <summary>When GoHighLevel said a call may be tried again (its <c>Retry-After</c>), if it said so.</summary>
    public DateTimeOffset? RetryAt { get; } = retryAt;

    /// <summary>GoHighLevel's <c>traceId</c> for the refused call, when its answer carried one (for its support).</summary>
    public string? TraceId { get; init; }

    /// <summary>
    /// The contact GoHighLevel named in its "does not allow duplicated contacts" 400 (<c>meta.contactId</c>): the
    /// person already exists there, which is not a failure.
    /// </summary>
    public string? DuplicateOfContactId { get; init; }

    /// <summary>
    /// The request may have reached GoHighLevel and been carried out, but no answer says so (a timeout, a connection lost
    /// mid-request): for a call that is not safe to repeat, the caller must not simply try again.
    /// </summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>GoHighLevel answered every attempt with 429: it is up, but this location's rate limit is used up for now.</summary>
    public static GhlApiException RateLimited(DateTimeOffset? retryAt, string? detail = null) =>
        new(GhlFailureKind.RateLimited, 429,
            "GoHighLevel is rate-limiting this location (HTTP 429 on every attempt" + (string.IsNullOrEmpty(detail) ? "" : ": " + detail) + "); "
            + (retryAt is { } at ? $"try again after {at.UtcDateTime:HH:mm:ss} UTC." : "try again in a minute."),
            retryAt);
}
