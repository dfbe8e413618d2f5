using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.Leads;

/// <summary>Bookings the caller may see, with each one's calendar state read from its latest operation.</summary>
internal static class BookingReads
{
    public static async Task<Booking> VisibleAsync(IAppDbContext db, ICurrentUser user, int id, CancellationToken cancellationToken, bool tracked = false)
    {
        var bookings = tracked ? db.Bookings : db.Bookings.AsNoTracking();
        var booking = await bookings.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        return booking is not null && user.CanSee(booking.SubAccountId) ? booking : throw new NotFoundException("Booking", id);
    }

    public static async Task<List<BookingDto>> ToDtosAsync(IOutboundOperationsOfBookings operations, IReadOnlyList<Booking> bookings,
        CancellationToken cancellationToken)
    {
        var latest = await operations.LatestByBookingAsync(bookings.Select(b => b.Id).ToList(), cancellationToken);
        return bookings.Select(b => BookingDto.From(b, SyncStateOf(b, latest.GetValueOrDefault(b.Id)))).ToList();
    }

    /// <summary>The calendar's state from the booking's latest operation; without one, synced if GoHighLevel has it (it came from there).</summary>
    private static BookingSyncState SyncStateOf(Booking booking, BookingOperation? latest) => latest switch
    {
        null => booking.ExternalEventId is null ? BookingSyncState.Off : new("synced", null),
        { Status: OutboundStatus.Succeeded } => new("synced", null),
        { Status: OutboundStatus.Failed or OutboundStatus.Conflict } => new("failed", latest.LastError),
        { Status: OutboundStatus.Cancelled } => booking.ExternalEventId is null ? new("off", latest.LastError) : new("synced", null),
        _ => new("pending", latest.Status == OutboundStatus.Waiting ? latest.LastError : null),
    };
}
