using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Leads;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// <c>booking.create</c>, <c>booking.update</c> and <c>booking.cancel</c>: mirror a booking in its GoHighLevel calendar as
/// the integration's <c>bookingSync</c> says, a block slot or an appointment for the lead's contact (contract: "Bookings").
/// Updates (PUT) and deletes are safe to repeat; a create is not, so a create tried before (cut off by a crash or a
/// timeout) first looks for the event it may have made, at the booking's calendar and time, and adopts it.
/// </summary>
public sealed class DeliverBookingSync(ILeadBookings bookings, ILeadContacts leads, IIntegrations integrations, GhlConnections connections,
    GhlContactLinks contacts, IGoHighLevelGateway gateway, TimeProvider clock) : IOutboundDelivery
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public bool Handles(OutboundKind kind) => kind is OutboundKind.BookingCreate or OutboundKind.BookingUpdate or OutboundKind.BookingCancel;

    public async Task<OutboundResult> DeliverAsync(OutboundOperation operation, CancellationToken cancellationToken)
    {
        var booking = operation.BookingId is { } bookingId ? await bookings.FindAsync(bookingId, cancellationToken) : null;
        if (booking is null)
        {
            return OutboundResult.Obsolete("The booking no longer exists.");
        }

        var integration = operation.IntegrationId is { } integrationId ? await integrations.FindAsync(integrationId, cancellationToken) : null;
        if (integration is null)
        {
            return OutboundResult.Obsolete("The GoHighLevel integration was deleted.");
        }

        if (integration.Status != IntegrationStatus.Active)
        {
            return OutboundResult.Wait($"The integration is {integration.Status.ToString().ToLowerInvariant()}; the calendar is updated once it is active.");
        }

        var config = GhlConfig.Read(integration.ConfigJson);
        if (config.BookingSync == BookingSync.Off)
        {
            return OutboundResult.Obsolete("Booking sync was turned off for this integration.");
        }

        var calendarId = booking.CalendarId ?? config.CalendarId;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var connection = connections.Connect(integration);
            if (operation.Kind == OutboundKind.BookingCancel)
            {
                if (booking.ExternalEventId is { } eventId)
                {
                    operation.RecordRequest(Describe("DELETE", $"/calendars/events/{eventId}", new { }));
                    await gateway.DeleteCalendarEvent(connection, eventId, cancellationToken);
                }

                return OutboundResult.Success(new OutboundCall(booking.ExternalEventId is null ? null : 200, null, Elapsed(started)));
            }

            if (booking.Status == BookingStatus.Cancelled)
            {
                return OutboundResult.Success(OutboundCall.None); // Its cancel comes next and removes whatever is there.
            }

            if (calendarId is null)
            {
                return new OutboundResult(OutboundOutcome.Permanent, OutboundCall.None,
                    "The booking names no calendar and the integration has no calendarId: set one, then retry this operation.");
            }

            var appointment = config.BookingSync == BookingSync.Appointment;
            if (booking.ExternalEventId is { } existing)
            {
                await UpdateAsync(operation, connection, booking, existing, calendarId, appointment, cancellationToken);
            }
            else
            {
                // A create tried before may have reached GoHighLevel; an update of a booking never created (sync turned on
                // later) creates it.
                var made = operation.AttemptCount > 0 ? await FindMadeAsync(connection, booking, calendarId, appointment, cancellationToken) : null;
                booking.LinkToEvent(made ?? await CreateAsync(operation, connection, booking, calendarId, appointment, cancellationToken),
                    clock.GetUtcNow().UtcDateTime);
            }

            return OutboundResult.Success(new OutboundCall(200, null, Elapsed(started)));
        }
        catch (GhlApiException ex)
        {
            if (ex.Kind == GhlFailureKind.Unauthorized)
            {
                integration.RecordFailure(ex.Message, clock.GetUtcNow().UtcDateTime);
            }

            return GhlOutcomes.From(ex, Elapsed(started));
        }
    }

    private async Task<string> CreateAsync(OutboundOperation operation, GhlConnection connection, Booking booking, string calendarId, bool appointment,
        CancellationToken cancellationToken)
    {
        if (appointment)
        {
            var lead = await leads.FindAsync(booking.LeadId, cancellationToken)
                ?? throw new GhlApiException(GhlFailureKind.Rejected, null, "The booking's lead no longer exists.");
            var request = Appointment(booking, calendarId) with { ContactId = await contacts.ContactOfAsync(connection, lead, cancellationToken) };
            operation.RecordRequest(Describe("POST", "/calendars/events/appointments", request));
            return (await gateway.CreateAppointment(connection, request, cancellationToken)).Id;
        }

        var slot = BlockSlot(booking, calendarId);
        operation.RecordRequest(Describe("POST", "/calendars/events/block-slots", slot));
        return (await gateway.CreateBlockSlot(connection, slot, cancellationToken)).Id;
    }

    private async Task UpdateAsync(OutboundOperation operation, GhlConnection connection, Booking booking, string eventId, string calendarId,
        bool appointment, CancellationToken cancellationToken)
    {
        if (appointment)
        {
            var request = Appointment(booking, calendarId);
            operation.RecordRequest(Describe("PUT", $"/calendars/events/appointments/{eventId}", request));
            await gateway.UpdateAppointment(connection, eventId, request, cancellationToken);
            return;
        }

        var slot = BlockSlot(booking, calendarId);
        operation.RecordRequest(Describe("PUT", $"/calendars/events/block-slots/{eventId}", slot));
        await gateway.UpdateBlockSlot(connection, eventId, slot, cancellationToken);
    }

    /// <summary>The event an earlier try may have made: same calendar, start, end and title.</summary>
    private async Task<string?> FindMadeAsync(GhlConnection connection, Booking booking, string calendarId, bool appointment, CancellationToken cancellationToken)
    {
        var events = await gateway.CalendarEventsBetween(connection, calendarId, blockedSlots: !appointment, booking.StartTime.AddMinutes(-1),
            booking.EndTime.AddMinutes(1), cancellationToken);
        return events.FirstOrDefault(e => SameInstant(e.StartTime, booking.StartTime) && SameInstant(e.EndTime, booking.EndTime)
            && string.Equals(e.Title, booking.Title, StringComparison.Ordinal))?.Id;
    }

    private static bool SameInstant(string? text, DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed == instant;

    private static GhlAppointmentRequest Appointment(Booking booking, string calendarId) => new()
    {
        CalendarId = calendarId,
        StartTime = Time(booking.StartTime),
        EndTime = Time(booking.EndTime),
        Title = booking.Title,
        AppointmentStatus = booking.Status.ToGoHighLevel(),
        IgnoreFreeSlotValidation = true,
        ToNotify = false,
    };

    private static GhlBlockSlotRequest BlockSlot(Booking booking, string calendarId) => new()
    {
        Title = booking.Title ?? "Booking",
        CalendarId = calendarId,
        StartTime = Time(booking.StartTime),
        EndTime = Time(booking.EndTime),
    };

    /// <summary>ISO-8601 with the booking's own offset, as every calendar call wants.</summary>
    internal static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Describe(string method, string path, object body) =>
        JsonSerializer.Serialize(new { method, path, body }, Json);

    private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
