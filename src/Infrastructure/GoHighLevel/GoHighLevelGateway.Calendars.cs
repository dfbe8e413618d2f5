using System.Text.Json.Nodes;
using IntegrationHub.Application.GoHighLevel;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>The calendar calls bookings are mirrored with (<c>Version: 2021-04-15</c>, times with their offset).</summary>
public sealed partial class GoHighLevelGateway
{
    public Task<GhlCalendarEvent> CreateAppointment(GhlConnection connection, GhlAppointmentRequest request, CancellationToken cancellationToken) =>
        Call(connection, "create_appointment", api => api.CreateAppointment(request with { LocationId = connection.LocationId }, cancellationToken));

    public Task<GhlCalendarEvent> UpdateAppointment(GhlConnection connection, string eventId, GhlAppointmentRequest request, CancellationToken cancellationToken) =>
        Call(connection, "update_appointment", api => api.UpdateAppointment(eventId, request, cancellationToken));

    public Task<GhlBlockSlot> UpdateBlockSlot(GhlConnection connection, string eventId, GhlBlockSlotRequest request, CancellationToken cancellationToken) =>
        Call(connection, "update_block_slot", api => api.UpdateBlockSlot(eventId, request with { LocationId = connection.LocationId }, cancellationToken));

    public async Task DeleteCalendarEvent(GhlConnection connection, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            await Call(connection, "delete_calendar_event", async api =>
            {
                await api.DeleteCalendarEvent(eventId, [], cancellationToken);
                return true;
            });
        }
        catch (GhlApiException ex) when (ex.StatusCode == 404)
        {
            // Gone already (deleted in GoHighLevel, or by an earlier try): what a delete wants.
        }
    }

    public Task<IReadOnlyList<GhlCalendarEvent>> CalendarEventsBetween(GhlConnection connection, string calendarId, bool blockedSlots, DateTimeOffset from,
        DateTimeOffset to, CancellationToken cancellationToken) =>
        Call(connection, blockedSlots ? "get_blocked_slots" : "get_calendar_events", async api =>
        {
            var response = blockedSlots
                ? await api.GetBlockedSlots(connection.LocationId, calendarId, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), cancellationToken)
                : await api.GetCalendarEvents(connection.LocationId, calendarId, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), cancellationToken);
            return response.Events ?? throw Invalid("events");
        });

    public Task<GhlFreeSlots> GetFreeSlots(GhlConnection connection, string calendarId, DateTimeOffset from, DateTimeOffset to, string? timezone,
        CancellationToken cancellationToken) =>
        Call(connection, "get_free_slots", async api =>
        {
            // {"2024-10-28": {"slots": ["2024-10-28T10:00:00-05:00", ...]}, ..., "traceId": "..."}: every object with slots is a day.
            var days = await api.GetFreeSlots(calendarId, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), timezone, cancellationToken);
            var slots = days.Where(d => d.Value is JsonObject { } day && day["slots"] is JsonArray)
                .OrderBy(d => d.Key, StringComparer.Ordinal)
                .SelectMany(d => ((JsonArray)d.Value!["slots"]!).Select(s => s?.GetValue<string>()).OfType<string>())
                .ToList();
            return new GhlFreeSlots(slots);
        });
}
