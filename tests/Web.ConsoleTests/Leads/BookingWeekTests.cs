using System.Globalization;
using Bunit;
using IntegrationHub.Application.Leads;
using IntegrationHub.Web.AdminConsole.Layout;

namespace IntegrationHub.Web.ConsoleTests.Leads;

/// <summary>A sub-account's week of bookings: a column a day, each booking on its own date and time, and the free slots when asked.</summary>
[TestFixture]
public sealed class BookingWeekTests
{
    private BunitContext _context = null!;

    [SetUp]
    public void Create() => _context = new BunitContext();

    [TearDown]
    public void Dispose() => _context.Dispose();

    private static BookingDto Booking(int id, string start, string end, string title, string status = "booked") => new()
    {
        Id = id, LeadId = 40 + id, SubAccountId = 1, Title = title, Status = status, SyncStatus = "synced",
        StartTime = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture), EndTime = DateTimeOffset.Parse(end, CultureInfo.InvariantCulture),
    };

    [Test]
    public void Bookings_fall_on_their_own_day_in_time_order_and_free_slots_show_only_when_asked()
    {
        var monday = new DateOnly(2026, 3, 2);
        var bookings = new[]
        {
            Booking(2, "2026-03-04T15:00:00-05:00", "2026-03-04T15:30:00-05:00", "Check-up"),
            Booking(1, "2026-03-04T09:00:00-05:00", "2026-03-04T09:45:00-05:00", "Cleaning"),
            // 23:30 in New York on Sunday is Monday in UTC: it belongs to Sunday, the day it was made for.
            Booking(3, "2026-03-08T23:30:00-05:00", "2026-03-08T23:45:00-05:00", "Late call", status: "cancelled"),
        };
        var week = _context.Render<BookingWeek>(p => p.Add(w => w.Monday, monday).Add(w => w.Bookings, bookings));

        week.FindAll("section.day").Should().HaveCount(7);
        week.Find("[data-testid=day-2026-03-02]").TextContent.Should().Contain("No bookings.");
        var wednesday = week.Find("[data-testid=day-2026-03-04]");
        wednesday.QuerySelectorAll("p.booking").Select(p => p.TextContent).Should().SatisfyRespectively(
            first => first.Should().Contain("09:00–09:45").And.Contain("Cleaning"),
            second => second.Should().Contain("15:00–15:30").And.Contain("Check-up"));
        wednesday.QuerySelector("a")!.GetAttribute("href").Should().Be("/admin/leads/41");
        week.Find("[data-testid=day-2026-03-08] p.booking").ClassList.Should().Contain("cancelled");
        week.FindAll("[data-testid^=free-]").Should().BeEmpty("free slots were not asked for");

        week.Render(p => p.Add(w => w.FreeSlots, ["2026-03-02T10:00:00-05:00", "2026-03-02T10:30:00-05:00"]));
        week.Find("[data-testid=free-2026-03-02]").TextContent.Should().Be("Free: 10:00, 10:30");
        week.Find("[data-testid=free-2026-03-03]").TextContent.Should().Be("Free: none");
    }
}
