using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// AppointmentCreate, AppointmentUpdate and AppointmentDelete (<c>{type, locationId, appointment: {id, calendarId,
/// contactId, title, appointmentStatus, startTime, endTime, dateUpdated, ...}}</c>): the booking with that event id takes
/// what GoHighLevel reports unless a later <c>dateUpdated</c> is known (a delete cancels it); an appointment made in
/// GoHighLevel for a known contact becomes a booking of its lead. GoHighLevel's published Update and Delete examples say
/// "AppointmentCreate": an existing booking is updated whatever the type says, so that mislabel changes nothing.
/// </summary>
public sealed class AppointmentEventHandler(IAppDbContext db, TimeProvider clock) : IWebhookEventHandler
{
    public bool Handles(string eventType) => WebhookParser.AppointmentTypes.Contains(eventType);

    public Task PrepareAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task HandleAsync(ParsedEvent parsed, CancellationToken cancellationToken)
    {
        var appointment = (JsonObject)parsed.Webhook.Payload["appointment"]!;
        var subAccountId = parsed.SubAccountId;
        var eventId = appointment.Text("id")!;
        var now = clock.GetUtcNow().UtcDateTime;
        var start = Instant(appointment.Text("startTime"));
        var end = Instant(appointment.Text("endTime"));
        var dateUpdated = Instant(appointment.Text("dateUpdated"))?.UtcDateTime;
        var status = parsed.Event.EventType == WebhookParser.AppointmentDelete
            ? BookingStatus.Cancelled
            : BookingStatuses.FromGoHighLevel(appointment.Text("appointmentStatus"));

        var booking = db.Bookings.Local.FirstOrDefault(b => b.SubAccountId == subAccountId && b.ExternalEventId == eventId)
            ?? await db.Bookings.FirstOrDefaultAsync(b => b.SubAccountId == subAccountId && b.ExternalEventId == eventId, cancellationToken);
        if (booking is not null)
        {
            booking.ApplyFromCrm(start, end, appointment.Text("title"), status, dateUpdated, now);
            return;
        }

        if (parsed.Event.EventType == WebhookParser.AppointmentDelete || appointment.Text("contactId") is not { } contactId || start is null
            || end is null || end < start)
        {
            return; // Nothing of ours, or nothing a booking can be made of.
        }

        var leadId = await db.Leads.WithSpecification(new LeadByContactSpec(subAccountId, contactId)).Select(l => (int?)l.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (leadId is null)
        {
            return; // A contact the hub does not know (yet): the contact sync brings the lead, not its past appointments.
        }

        // The echo of a booking the hub itself just created, arriving before the hub recorded the event's id: link it.
        var startUtc = start.Value.UtcDateTime;
        var endUtc = end.Value.UtcDateTime;
        var awaiting = await db.Bookings.Where(b => b.LeadId == leadId && b.ExternalEventId == null && b.StartUtc == startUtc && b.EndUtc == endUtc)
            .OrderBy(b => b.Id).FirstOrDefaultAsync(cancellationToken);
        if (awaiting is not null)
        {
            awaiting.LinkToEvent(eventId, now);
            awaiting.ApplyFromCrm(null, null, null, status, dateUpdated, now);
            return;
        }

        db.Bookings.Add(Booking.FromCrm(subAccountId, leadId.Value, eventId, start.Value, end.Value, appointment.Text("title"),
            appointment.Text("calendarId"), appointment.Text("notes"), status ?? BookingStatus.Booked, dateUpdated, now));
    }

    public Task AfterCommitAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Forget()
    {
    }

    private static DateTimeOffset? Instant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
