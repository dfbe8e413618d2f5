using IntegrationHub.Application.GoHighLevel;
using Refit;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// GoHighLevel API v2, as Refit generates it. Authorization and the default <c>Version</c> header are added by
/// <see cref="GhlAuthHandler"/>; calendar calls pin the version their spec documents.
/// </summary>
[Headers("Accept: application/json")]
public interface IGoHighLevelApi
{
    [Get("/locations/search")]
    Task<GhlLocationSearchResponse> SearchLocations([Query] string? companyId, [Query] int skip, [Query] int limit,
        [Query] string order, [Query] string? email, CancellationToken cancellationToken);

    [Get("/locations/{locationId}")]
    Task<GhlLocationResponse> GetLocation(string locationId, CancellationToken cancellationToken);

    [Get("/calendars/")]
    [Headers("Version: 2021-04-15")]
    Task<GhlCalendarsResponse> GetCalendars([Query] string locationId, CancellationToken cancellationToken);

    [Post("/calendars/events/block-slots")]
    [Headers("Version: 2021-04-15")]
    Task<GhlBlockSlot> CreateBlockSlot([Body] GhlBlockSlotRequest request, CancellationToken cancellationToken);

    [Post("/contacts/")]
    Task<GhlContactResponse> CreateContact([Body] GhlContactRequest request, CancellationToken cancellationToken);

    [Put("/contacts/{contactId}")]
    Task<GhlUpdateContactResponse> UpdateContact(string contactId, [Body] GhlContactRequest request, CancellationToken cancellationToken);

    [Put("/contacts/{contactId}")]
    Task<GhlUpdateContactResponse> UpdateContactFields(string contactId, [Body] System.Text.Json.Nodes.JsonObject body, CancellationToken cancellationToken);

    [Get("/contacts/{contactId}")]
    Task<GhlContactResponse> GetContact(string contactId, CancellationToken cancellationToken);

    [Delete("/contacts/{contactId}")]
    Task DeleteContact(string contactId, CancellationToken cancellationToken);

    [Post("/contacts/upsert")]
    Task<GhlUpsertContactResponse> UpsertContact([Body] GhlContactRequest request, CancellationToken cancellationToken);

    [Post("/calendars/events/appointments")]
    [Headers("Version: 2021-04-15")]
    Task<GhlCalendarEvent> CreateAppointment([Body] GhlAppointmentRequest request, CancellationToken cancellationToken);

    [Put("/calendars/events/appointments/{eventId}")]
    [Headers("Version: 2021-04-15")]
    Task<GhlCalendarEvent> UpdateAppointment(string eventId, [Body] GhlAppointmentRequest request, CancellationToken cancellationToken);

    [Put("/calendars/events/block-slots/{eventId}")]
    [Headers("Version: 2021-04-15")]
    Task<GhlBlockSlot> UpdateBlockSlot(string eventId, [Body] GhlBlockSlotRequest request, CancellationToken cancellationToken);

    /// <summary>GoHighLevel's spec requires a body on this DELETE: <c>{}</c>.</summary>
    [Delete("/calendars/events/{eventId}")]
    [Headers("Version: 2021-04-15")]
    Task DeleteCalendarEvent(string eventId, [Body] System.Text.Json.Nodes.JsonObject body, CancellationToken cancellationToken);

    [Get("/calendars/events")]
    [Headers("Version: 2021-04-15")]
    Task<GhlCalendarEventsResponse> GetCalendarEvents([Query] string locationId, [Query] string calendarId, [Query] long startTime, [Query] long endTime,
        CancellationToken cancellationToken);

    [Get("/calendars/blocked-slots")]
    [Headers("Version: 2021-04-15")]
    Task<GhlCalendarEventsResponse> GetBlockedSlots([Query] string locationId, [Query] string calendarId, [Query] long startTime, [Query] long endTime,
        CancellationToken cancellationToken);

    [Get("/calendars/{calendarId}/free-slots")]
    [Headers("Version: 2021-04-15")]
    Task<System.Text.Json.Nodes.JsonObject> GetFreeSlots(string calendarId, [Query] long startDate, [Query] long endDate, [Query] string? timezone,
        CancellationToken cancellationToken);

    [Post("/conversations/messages")]
    [Headers("Version: 2021-04-15")]
    Task<GhlSendMessageResponse> SendMessage([Body] GhlSendMessageRequest request, CancellationToken cancellationToken);

    [Post("/contacts/search")]
    Task<GhlSearchContactsResponse> SearchContacts([Body] GhlSearchContactsRequest request, CancellationToken cancellationToken);
}
