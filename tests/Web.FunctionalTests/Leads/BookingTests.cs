using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>
/// Bookings (contract: "Bookings"): made, rescheduled and cancelled in the hub and mirrored in the GoHighLevel calendar as
/// the integration's <c>bookingSync</c> says (block slot by default, appointment, off), with offsets kept in times; and
/// GoHighLevel's appointment webhooks, ordered by <c>dateUpdated</c>, coming back.
/// </summary>
[TestFixture]
public sealed class BookingTests
{
    private FakeGoHighLevel _ghl = null!;
    private HubApp _app = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _ghl = new FakeGoHighLevel();
        _app = new HubApp(new Dictionary<string, string?>
        {
            ["IntegrationHub:GoHighLevel:MaxAttempts"] = "1",
            // Long enough for a cold first call on a busy machine (the connection test), short enough for the cut-off test.
            ["IntegrationHub:GoHighLevel:AttemptTimeout"] = "00:00:05",
        });
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app.Dispose();
        _ghl.Dispose();
    }

    /// <summary>A synced lead whose integration mirrors bookings as <paramref name="bookingSync"/>, calendar "cal-1".</summary>
    private Task<SyncedLead> LeadWithCalendarAsync(string bookingSync) => _app.SyncedLeadAsync(_ghl, bookingSync: bookingSync);

    private Task<OutboundOperation> Settled(SyncedLead lead, OutboundKind kind) =>
        _app.LeadOperationAsync(lead.LeadId, kind, OutboundStatus.Succeeded);

    [Test]
    public async Task A_booking_blocks_its_time_in_the_calendar_keeping_its_offset_and_follows_reschedule_and_cancel()
    {
        var lead = await LeadWithCalendarAsync("blockSlot");
        var created = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/bookings",
            new { startTime = "2026-03-02T10:00:00-05:00", endTime = "2026-03-02T10:30:00-05:00", title = "Cleaning" })).Json(HttpStatusCode.Created);
        created.Str("status").Should().Be("booked");
        created.Str("calendarId").Should().Be("cal-1", "the integration's calendar is the default");
        created.Str("startTime").Should().Be("2026-03-02T10:00:00-05:00");
        created.Str("syncStatus").Should().Be("pending");

        await Settled(lead, OutboundKind.BookingCreate);
        var booking = await lead.Tenant.Client.GetJson($"/api/bookings/{created.Id()}");
        booking.Str("syncStatus").Should().Be("synced");
        var eventId = booking.Str("externalEventId");
        var slot = _ghl.CalendarEvents[eventId];
        slot["startTime"]!.GetValue<string>().Should().Be("2026-03-02T10:00:00-05:00", "times go out with the booking's own offset");
        slot["calendarId"]!.GetValue<string>().Should().Be("cal-1");
        slot["locationId"]!.GetValue<string>().Should().Be(lead.LocationId);
        _ghl.Requests.Single(r => r.Method == "POST" && r.Path == "/calendars/events/block-slots" && r.Body.Contains("Cleaning")).Version.Should().Be("2021-04-15");

        var moved = await (await lead.Tenant.Client.PatchJson($"/api/bookings/{created.Id()}",
            new { startTime = "2026-03-03T11:00:00-05:00", endTime = "2026-03-03T11:45:00-05:00" })).Json(HttpStatusCode.OK);
        moved.Str("startTime").Should().Be("2026-03-03T11:00:00-05:00");
        await Settled(lead, OutboundKind.BookingUpdate);
        _ghl.CalendarEvents[eventId]["endTime"]!.GetValue<string>().Should().Be("2026-03-03T11:45:00-05:00");

        var cancelled = await (await lead.Tenant.Client.PostAsync($"/api/bookings/{created.Id()}/cancel", null)).Json(HttpStatusCode.OK);
        cancelled.Str("status").Should().Be("cancelled");
        await Settled(lead, OutboundKind.BookingCancel);
        _ghl.CalendarEvents.Should().NotContainKey(eventId);
        var delete = _ghl.Requests.Single(r => r.Method == "DELETE" && r.Path == $"/calendars/events/{eventId}");
        delete.Body.Should().Be("{}", "GoHighLevel's spec requires a body on the delete");

        var refused = await (await lead.Tenant.Client.PatchJson($"/api/bookings/{created.Id()}", new { startTime = "2026-03-04T09:00:00-05:00", endTime = "2026-03-04T09:30:00-05:00" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        refused.Str("detail").Should().Contain("cancelled");
        (await lead.Tenant.Client.GetJson($"/api/bookings/{created.Id()}")).Str("startTime").Should().Be("2026-03-03T11:00:00-05:00", "a refused change changes nothing");
    }

    [Test]
    public async Task A_create_cut_off_after_gohighlevel_made_the_event_adopts_that_event_on_its_retry_instead_of_making_a_second()
    {
        var lead = await LeadWithCalendarAsync("blockSlot");
        _ghl.Fail(FaultKind.Slow, 1, "/calendars/events/block-slots", delay: TimeSpan.FromSeconds(7));
        var created = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/bookings",
            new { startTime = "2026-08-03T08:00:00-07:00", endTime = "2026-08-03T08:20:00-07:00", title = "Cut off " + Guid.NewGuid() })).Json(HttpStatusCode.Created);

        var operation = await _app.LeadOperationAsync(lead.LeadId, OutboundKind.BookingCreate, OutboundStatus.Succeeded, seconds: 60);
        operation.AttemptCount.Should().Be(2, "the first try timed out, the second found what it had made");
        var eventId = (await lead.Tenant.Client.GetJson($"/api/bookings/{created.Id()}")).Str("externalEventId");
        _ghl.CalendarEvents.Values.Where(e => e["title"]?.GetValue<string>() == created.Str("title")).Select(e => e.Str("id")).Should().Equal(eventId);
        _ghl.Requests.Should().Contain(r => r.Path == "/calendars/blocked-slots", "the retry looked before creating again");
    }

    [Test]
    public async Task A_refusal_shows_on_the_booking_and_a_rate_limit_and_an_outage_are_waited_out()
    {
        var lead = await LeadWithCalendarAsync("blockSlot");
        _ghl.Fail(FaultKind.Unprocessable, 1, "/calendars/events/block-slots");
        var refused = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/bookings",
            new { startTime = "2026-10-05T10:00:00+02:00", endTime = "2026-10-05T10:30:00+02:00", title = "Refused" })).Json(HttpStatusCode.Created);
        var failed = await Poll.Eventually(async () => (await lead.Tenant.Client.GetJson($"/api/bookings/{refused.Id()}")) is var b
            && b.Str("syncStatus") == "failed" ? b : null, "the refused booking to show it failed");
        failed.Str("syncError").Should().Contain("422").And.Contain("should not exist", "GoHighLevel's own reason");
        var operation = await _app.LeadOperationAsync(lead.LeadId, OutboundKind.BookingCreate, OutboundStatus.Failed);
        operation.LastTraceId.Should().Be("trace-422-fake");
        (await _app.Admin().DeleteAsync($"/api/admin/outbound/{operation.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // A 429 (Retry-After 1 s), then a 500 (retried after ~10 s), then it goes through: one event in the calendar.
        _ghl.Fail(FaultKind.RateLimited, 1, "/calendars/events/block-slots");
        _ghl.Fail(FaultKind.ServerError, 1, "/calendars/events/block-slots");
        var title = "Waited out " + Guid.NewGuid().ToString("N")[..6];
        var booking = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/bookings",
            new { startTime = "2026-10-06T10:00:00+02:00", endTime = "2026-10-06T10:30:00+02:00", title })).Json(HttpStatusCode.Created);
        var synced = await Poll.Eventually(async () => (await lead.Tenant.Client.GetJson($"/api/bookings/{booking.Id()}")) is var b
            && b.Str("syncStatus") == "synced" ? b : null, "the booking to reach the calendar after a 429 and a 500", 60);
        _ghl.CalendarEvents.Values.Where(e => e["title"]?.GetValue<string>() == title).Select(e => e.Str("id")).Should().Equal(synced.Str("externalEventId"));
        _ghl.Requests.Count(r => r.Method == "POST" && r.Path == "/calendars/events/block-slots" && r.Body.Contains(title)).Should().Be(3);
    }

    [Test]
    public async Task In_appointment_mode_a_booking_is_an_appointment_for_the_lead_contact_that_stays_quiet()
    {
        var lead = await LeadWithCalendarAsync("appointment");
        var created = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/bookings",
            new { startTime = "2026-04-01T09:00:00+02:00", endTime = "2026-04-01T10:00:00+02:00", title = "Consultation" })).Json(HttpStatusCode.Created);
        await Settled(lead, OutboundKind.BookingCreate);
        var eventId = (await lead.Tenant.Client.GetJson($"/api/bookings/{created.Id()}")).Str("externalEventId");
        var request = JsonNode.Parse(_ghl.Requests.Single(r => r.Method == "POST" && r.Path == "/calendars/events/appointments" && r.Body.Contains("Consultation")).Body)!;
        request.Str("contactId").Should().Be(lead.ContactId);
        request["ignoreFreeSlotValidation"]!.GetValue<bool>().Should().BeTrue();
        request["toNotify"]!.GetValue<bool>().Should().BeFalse();
        request.Str("startTime").Should().Be("2026-04-01T09:00:00+02:00");
        var metrics = PrometheusText.Parse(await (await _app.Admin().GetAsync("/metrics")).Content.ReadAsStringAsync());
        metrics.Sum("integrationhub_outbound_operations_total", ("kind", "booking.create"), ("outcome", "succeeded")).Should().BeGreaterThan(0,
            "booking operations are counted by outcome");

        await (await lead.Tenant.Client.PatchJson($"/api/bookings/{created.Id()}", new { status = "confirmed" })).Json(HttpStatusCode.OK);
        await Settled(lead, OutboundKind.BookingUpdate);
        _ghl.CalendarEvents[eventId]["appointmentStatus"]!.GetValue<string>().Should().Be("confirmed");
        _ghl.Requests.Should().Contain(r => r.Method == "PUT" && r.Path == $"/calendars/events/appointments/{eventId}");

        // GoHighLevel's 400 (its calendars API's "slot no longer available") fails the operation with its message, on the booking.
        _ghl.Fail(FaultKind.BadRequest, 1, "/calendars/events/appointments");
        var refused = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/bookings",
            new { startTime = "2026-04-02T09:00:00+02:00", endTime = "2026-04-02T10:00:00+02:00", title = "Refused" })).Json(HttpStatusCode.Created);
        var failed = await Poll.Eventually(async () => (await lead.Tenant.Client.GetJson($"/api/bookings/{refused.Id()}")) is var b
            && b.Str("syncStatus") == "failed" ? b : null, "the refused appointment to show it failed");
        failed.Str("syncError").Should().Contain("HTTP 400").And.Contain("no longer available");
    }

    [Test]
    public async Task With_booking_sync_off_a_booking_stays_in_the_hub()
    {
        var lead = await LeadWithCalendarAsync("off");
        var created = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/bookings",
            new { startTime = "2026-05-01T09:00:00Z", endTime = "2026-05-01T09:30:00Z" })).Json(HttpStatusCode.Created);
        created.Str("syncStatus").Should().Be("off");
        (await _app.OperationsForLeadAsync(lead.LeadId)).Should().NotContain(o => o.Kind == OutboundKind.BookingCreate);
    }

    [Test]
    public async Task Bad_bookings_are_refused_naming_the_field_and_change_nothing()
    {
        var lead = await LeadWithCalendarAsync("blockSlot");
        var url = $"/api/leads/{lead.LeadId}/bookings";
        (await (await lead.Tenant.Client.PostJson(url, new { startTime = "2026-03-02T10:00:00-05:00", endTime = "2026-03-02T09:00:00-05:00" }))
            .ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["endTime"].Should().NotBeNull();
        (await (await lead.Tenant.Client.PostJson(url, new { endTime = "2026-03-02T09:00:00-05:00" })).ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["startTime"]
            .Should().NotBeNull();
        (await (await lead.Tenant.Client.PostJson(url, new { startTime = "2026-03-02T10:00:00-05:00", endTime = "2026-03-02T11:00:00-05:00", title = new string('t', 201) }))
            .ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["title"].Should().NotBeNull();
        var other = await _app.CreateTenant("Other " + Guid.NewGuid().ToString("N")[..6]);
        (await other.Client.PostJson(url, new { startTime = "2026-03-02T10:00:00-05:00", endTime = "2026-03-02T11:00:00-05:00" })).StatusCode
            .Should().Be(HttpStatusCode.NotFound);
        (await lead.Tenant.Client.GetJson(url)).AsArray().Should().BeEmpty();

        var booking = await (await lead.Tenant.Client.PostJson(url, new { startTime = "2026-03-02T10:00:00-05:00", endTime = "2026-03-02T11:00:00-05:00" }))
            .Json(HttpStatusCode.Created);
        (await (await lead.Tenant.Client.PatchJson($"/api/bookings/{booking.Id()}", new { status = "sleeping" })).ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["status"]
            .Should().NotBeNull();
        (await (await lead.Tenant.Client.PatchJson($"/api/bookings/{booking.Id()}", new { endTime = "2026-03-02T09:00:00-05:00" })).ProblemAsync(HttpStatusCode.BadRequest))
            .Str("detail").Should().Contain("endTime");
        (await other.Client.GetAsync($"/api/bookings/{booking.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await lead.Tenant.Client.GetJson($"/api/bookings/{booking.Id()}")).Str("endTime").Should().Be("2026-03-02T11:00:00-05:00");
    }

    [Test]
    public async Task Appointment_webhooks_update_the_booking_in_dateUpdated_order_and_a_delete_cancels_it()
    {
        var lead = await LeadWithCalendarAsync("appointment");
        var created = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/bookings",
            new { startTime = "2026-06-01T09:00:00-04:00", endTime = "2026-06-01T09:30:00-04:00", title = "Check-up" })).Json(HttpStatusCode.Created);
        await Settled(lead, OutboundKind.BookingCreate);
        var eventId = (await lead.Tenant.Client.GetJson($"/api/bookings/{created.Id()}")).Str("externalEventId");
        var at = DateTimeOffset.UtcNow.AddMinutes(1);

        // Moved in GoHighLevel; GoHighLevel's published Update example says "AppointmentCreate": the booking is updated all the same.
        await _app.SendWebhookAsync(_ghl.AppointmentEvent("AppointmentCreate", eventId, lead.LocationId, at,
            ("startTime", "2026-06-02T14:00:00-04:00"), ("endTime", "2026-06-02T14:30:00-04:00"), ("appointmentStatus", "confirmed")));
        var moved = await lead.Tenant.Client.GetJson($"/api/bookings/{created.Id()}");
        moved.Str("startTime").Should().Be("2026-06-02T14:00:00-04:00");
        moved.Str("status").Should().Be("confirmed");

        // An older report (delivered late) changes nothing.
        await _app.SendWebhookAsync(_ghl.AppointmentEvent("AppointmentUpdate", eventId, lead.LocationId, at.AddSeconds(-30),
            ("startTime", "2026-06-05T08:00:00-04:00"), ("endTime", "2026-06-05T08:30:00-04:00")));
        (await lead.Tenant.Client.GetJson($"/api/bookings/{created.Id()}")).Str("startTime").Should().Be("2026-06-02T14:00:00-04:00");

        await _app.SendWebhookAsync(_ghl.AppointmentEvent("AppointmentDelete", eventId, lead.LocationId, at.AddSeconds(30)));
        (await lead.Tenant.Client.GetJson($"/api/bookings/{created.Id()}")).Str("status").Should().Be("cancelled");
        (await _app.OperationsForLeadAsync(lead.LeadId)).Count(o => o.Kind != OutboundKind.ContactCreate).Should().Be(1,
            "what GoHighLevel reported is not sent back to it");
    }

    [Test]
    public async Task An_appointment_made_in_gohighlevel_for_a_known_contact_becomes_a_booking_of_its_lead()
    {
        var lead = await LeadWithCalendarAsync("appointment");
        var eventId = _ghl.AddAppointment(lead.ContactId, "cal-1", "2026-07-01T15:00:00+01:00", "2026-07-01T15:45:00+01:00", "Booked online");
        await _app.SendWebhookAsync(_ghl.AppointmentEvent("AppointmentCreate", eventId, lead.LocationId, DateTimeOffset.UtcNow));
        await _app.SendWebhookAsync(_ghl.AppointmentEvent("AppointmentCreate", eventId, lead.LocationId, DateTimeOffset.UtcNow.AddSeconds(1)));

        var bookings = (await lead.Tenant.Client.GetJson($"/api/leads/{lead.LeadId}/bookings")).AsArray();
        var booking = bookings.Should().ContainSingle("a repeated create is the same appointment").Subject!;
        booking.Str("externalEventId").Should().Be(eventId);
        booking.Str("startTime").Should().Be("2026-07-01T15:00:00+01:00");
        booking.Str("title").Should().Be("Booked online");
        booking.Str("status").Should().Be("confirmed");
        booking.Str("syncStatus").Should().Be("synced");
        (await _app.OperationsForLeadAsync(lead.LeadId)).Should().NotContain(o => o.Kind == OutboundKind.BookingCreate);
        (await lead.Tenant.Client.GetJson("/api/bookings?from=2026-07-01T00:00:00Z&to=2026-07-02T00:00:00Z")).AsArray().Select(b => b!.Id())
            .Should().Contain(booking.Id());
    }

    [Test]
    public async Task Free_slots_come_from_the_calendar_within_31_days()
    {
        var lead = await LeadWithCalendarAsync("blockSlot");
        _ghl.FreeSlots.AddRange(["2026-03-02T10:00:00-05:00", "2026-03-02T10:30:00-05:00", "2026-03-03T09:00:00-05:00"]);
        var url = $"/api/integrations/{lead.IntegrationId}/free-slots";
        var free = await lead.Tenant.Client.GetJson($"{url}?from=2026-03-02&to=2026-03-05&timezone=America/New_York");
        free.Str("timezone").Should().Be("America/New_York");
        free["slots"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("2026-03-02T10:00:00-05:00", "2026-03-02T10:30:00-05:00", "2026-03-03T09:00:00-05:00");
        _ghl.Requests.Should().Contain(r => r.Path == "/calendars/cal-1/free-slots" && r.Version == "2021-04-15");

        (await (await lead.Tenant.Client.GetAsync($"{url}?from=2026-03-01&to=2026-04-15")).ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["to"]![0]!
            .GetValue<string>().Should().Contain("31 days");
        (await (await lead.Tenant.Client.GetAsync($"{url}?from=yesterday&to=2026-03-05")).ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["from"].Should().NotBeNull();
        (await (await lead.Tenant.Client.GetAsync($"{url}?from=2026-03-02&to=2026-03-05&timezone=Mars/Olympus")).ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["timezone"]
            .Should().NotBeNull();
        var other = await _app.CreateTenant("Other " + Guid.NewGuid().ToString("N")[..6]);
        (await other.Client.GetAsync($"{url}?from=2026-03-02&to=2026-03-05")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
