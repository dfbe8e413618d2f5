using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>Leads' published surface for a connector that mirrors bookings in a calendar: a booking, tracked.</summary>
public interface ILeadBookings
{
    Task<Booking?> FindAsync(int bookingId, CancellationToken cancellationToken);
}

public sealed class LeadBookings(IAppDbContext db) : ILeadBookings
{
    public Task<Booking?> FindAsync(int bookingId, CancellationToken cancellationToken) =>
        db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
}

/// <summary>The default calendar of a sub-account's bookings (the connector's config), implemented by the connector.</summary>
public interface IBookingCalendars
{
    Task<string?> DefaultCalendarAsync(int subAccountId, CancellationToken cancellationToken);
}
