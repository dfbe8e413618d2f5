using System.Net;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>
/// A lead's conversation and bookings in the console (issue 28, item 5): an SMS sent from the page followed until
/// GoHighLevel has it, an e-mail refused without a subject, a booking made in the lead's time zone, then cancelled,
/// checked against the fake GoHighLevel's calendar.
/// </summary>
public sealed partial class AdminConsoleBrowserTests
{
    [Test]
    public async Task Leads_messages_are_sent_and_bookings_made_and_cancelled_from_the_lead_page()
    {
        var lead = await _app.SyncedLeadAsync(_ghl, bookingSync: "blockSlot",
            lead: new { firstName = "Ada", lastName = "Lovelace", email = $"ada.{Guid.NewGuid():N}@hub.test", phone = "+14155550123", timezone = "America/New_York" });
        var page = await NewPage();
        await OpenLead(page, lead.LeadId);
        var messages = page.Locator("section[aria-labelledby=lead-messages]");

        // An e-mail without a subject is refused beside the field; nothing is queued.
        await page.GetByLabel("Channel").SelectOptionAsync("email");
        await page.Locator("#message-body").FillAsync("Your invoice");
        await Button(page, "Send message").ClickAsync();
        await Expect(page.Locator("#message-subject-error"));
        await Assertions.Expect(messages.Locator("tbody tr")).ToHaveCountAsync(0);

        await page.GetByLabel("Channel").SelectOptionAsync("sms");
        await page.Locator("#message-body").FillAsync("See you tomorrow at 10.");
        await Button(page, "Send message").ClickAsync();
        await Expect(Status(page, "Message queued"));
        var sms = messages.Locator("tbody tr", new() { HasText = "See you tomorrow at 10." });
        await Assertions.Expect(sms.Locator(".badge")).ToHaveTextAsync("sent", new() { Timeout = 30_000 });
        _ghl.SentMessages.Values.Should().ContainSingle(m => m.Str("message") == "See you tomorrow at 10." && m.Str("contactId") == lead.ContactId);
        await ConsoleBrowser.Screenshot(page, "lead-conversation");

        // A booking typed in the lead's zone (New York, daylight time in July) reaches the calendar with that offset.
        var bookings = page.Locator("section[aria-labelledby=lead-bookings]");
        await Expect(bookings.GetByText("Times in America/New_York"));
        await page.GetByLabel("Starts").FillAsync("2026-07-01T09:00");
        await page.GetByLabel("Ends").FillAsync("2026-07-01T09:30");
        await page.GetByLabel("Title").FillAsync("Cleaning");
        await Button(page, "Book").ClickAsync();
        await Expect(Status(page, "Booked."));
        var row = bookings.Locator("tbody tr", new() { HasText = "Cleaning" });
        await Assertions.Expect(row).ToContainTextAsync("2026-07-01 09:00–09:30 (-04:00)");
        await Assertions.Expect(row).ToContainTextAsync("synced", new() { Timeout = 30_000 });
        using var admin = _app.Admin();
        var booking = (await admin.GetJson($"/api/leads/{lead.LeadId}/bookings")).AsArray().Single()!;
        _ghl.CalendarEvents[booking.Str("externalEventId")].Str("startTime").Should().Be("2026-07-01T09:00:00-04:00");
        await ConsoleBrowser.Screenshot(page, "lead-bookings");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Cancel booking {booking.Id()}" }).ClickAsync();
        await Expect(Status(page, $"Booking {booking.Id()} cancelled."));
        await Assertions.Expect(row.Locator(".badge").First).ToHaveTextAsync("cancelled");
        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.BookingCancel, OutboundStatus.Succeeded);
        _ghl.CalendarEvents.Should().NotContainKey(booking.Str("externalEventId"));
        (await admin.GetJson($"/api/bookings/{booking.Id()}")).Str("status").Should().Be("cancelled");
    }

    [Test]
    public async Task Bookings_week_shows_a_sub_account_bookings_and_free_slots_on_desktop_and_phone()
    {
        var lead = await _app.SyncedLeadAsync(_ghl, bookingSync: "blockSlot");
        var title = "Week view " + Guid.NewGuid().ToString("N")[..6];
        await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/bookings",
            new { startTime = "2026-09-16T14:00:00-05:00", endTime = "2026-09-16T14:30:00-05:00", title })).Json(HttpStatusCode.Created);
        _ghl.FreeSlots.Clear();
        _ghl.FreeSlots.AddRange(["2026-09-14T09:00:00-05:00", "2026-09-14T09:30:00-05:00"]);

        var page = await NewPage();
        await page.GotoAsync($"/admin/bookings?subAccountId={lead.Tenant.SubAccountId}&week=2026-09-17");
        await SignIn(page, HubApp.AdminToken);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bookings", Exact = true }));
        var wednesday = page.GetByTestId("day-2026-09-16");
        await Assertions.Expect(wednesday).ToContainTextAsync("14:00–14:30");
        await Assertions.Expect(wednesday.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveAttributeAsync("href", $"/admin/leads/{lead.LeadId}");
        await Assertions.Expect(page.GetByTestId("day-2026-09-14")).ToContainTextAsync("No bookings.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Show free slots" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("free-2026-09-14")).ToHaveTextAsync("Free: 09:00, 09:30");
        _ghl.Requests.Should().Contain(r => r.Path == "/calendars/cal-1/free-slots");
        await ConsoleBrowser.Screenshot(page, "bookings-week");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next week →" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("day-2026-09-23")).ToBeVisibleAsync();

        const int Phone = 375;
        var phone = await NewPage(Phone);
        await phone.GotoAsync($"/admin/bookings?subAccountId={lead.Tenant.SubAccountId}&week=2026-09-16&slots=1");
        await SignIn(phone, HubApp.AdminToken);
        await Assertions.Expect(phone.GetByTestId("day-2026-09-16")).ToContainTextAsync(title);
        (await Measure(phone, Phone, "bookings-week")).Should().BeEmpty("the week stacks its days on a phone");
    }
}
