using Bunit;
using IntegrationHub.Application.Leads;
using IntegrationHub.Web.AdminConsole.Layout;

namespace IntegrationHub.Web.ConsoleTests.Leads;

/// <summary>
/// A lead's bookings on its page: times as they were made (with their offset), the calendar's state, cancel and
/// reschedule, and a new booking's times read in the lead's time zone.
/// </summary>
[TestFixture]
public sealed class LeadBookingListTests
{
    private BunitContext _context = null!;
    private LeadBookingList.BookingDraft? _booked;
    private int? _cancelled;

    [SetUp]
    public void Create()
    {
        _context = new BunitContext();
        (_booked, _cancelled) = (null, null);
    }

    [TearDown]
    public void Dispose() => _context.Dispose();

    private static BookingDto Booking(int id, string status = "booked", string sync = "synced", string? error = null) => new()
    {
        Id = id, LeadId = 7, SubAccountId = 1, Title = "Cleaning", Status = status, SyncStatus = sync, SyncError = error,
        StartTime = DateTimeOffset.Parse("2026-03-02T10:00:00-05:00", System.Globalization.CultureInfo.InvariantCulture),
        EndTime = DateTimeOffset.Parse("2026-03-02T10:30:00-05:00", System.Globalization.CultureInfo.InvariantCulture),
    };

    private IRenderedComponent<LeadBookingList> Render(IReadOnlyList<BookingDto> bookings, string? timeZone = null) =>
        _context.Render<LeadBookingList>(p => p
            .Add(f => f.Bookings, bookings)
            .Add(f => f.TimeZone, timeZone)
            .Add(f => f.OnBook, draft => _booked = draft)
            .Add(f => f.OnCancel, id => _cancelled = id));

    [Test]
    public void Bookings_show_their_times_with_their_offset_and_the_calendar_state()
    {
        var list = Render([Booking(1), Booking(2, sync: "failed", error: "GoHighLevel refused the request (HTTP 422)")]);
        list.Find("[data-testid=booking-1]").TextContent.Should().Contain("2026-03-02 10:00–10:30 (-05:00)").And.Contain("synced");
        list.Find("[data-testid=booking-2]").TextContent.Should().Contain("HTTP 422");
    }

    [Test]
    public void Cancel_names_its_booking_and_a_cancelled_one_offers_nothing()
    {
        var list = Render([Booking(1), Booking(2, status: "cancelled")]);
        list.Find("button[aria-label='Cancel booking 1']").Click();
        _cancelled.Should().Be(1);
        list.FindAll("button[aria-label='Cancel booking 2']").Should().BeEmpty();
        list.FindAll("button[aria-label='Reschedule booking 2']").Should().BeEmpty();
    }

    [Test]
    public void A_new_booking_is_read_in_the_lead_time_zone_and_a_reschedule_starts_from_the_booking()
    {
        var list = Render([Booking(1)], timeZone: "America/New_York");
        list.Markup.Should().Contain("Times in America/New_York");
        list.Find("#booking-start").Change("2026-07-01T09:00");
        list.Find("#booking-end").Change("2026-07-01T09:30");
        list.Find("form").Submit();
        _booked!.BookingId.Should().BeNull();
        _booked.StartTime.Should().Be(DateTimeOffset.Parse("2026-07-01T09:00:00-04:00", System.Globalization.CultureInfo.InvariantCulture),
            "July in New York is daylight time");

        list.Find("button[aria-label='Reschedule booking 1']").Click();
        list.Find("legend").TextContent.Should().Be("Reschedule booking 1");
        list.Find("#booking-start").GetAttribute("value").Should().StartWith("2026-03-02T10:00");
        list.Find("form").Submit();
        _booked!.BookingId.Should().Be(1);
        _booked.StartTime.Should().Be(DateTimeOffset.Parse("2026-03-02T10:00:00-05:00", System.Globalization.CultureInfo.InvariantCulture));
    }
}
