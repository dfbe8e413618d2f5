using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

public sealed record ListLeadBookingsQuery(int LeadId) : IQuery<IReadOnlyList<BookingDto>>;

/// <summary>A lead's bookings, soonest first.</summary>
public sealed class ListLeadBookingsHandler(IAppDbContext db, ICurrentUser user, IOutboundOperationsOfBookings operations)
    : IQueryHandler<ListLeadBookingsQuery, IReadOnlyList<BookingDto>>
{
    public async ValueTask<IReadOnlyList<BookingDto>> Handle(ListLeadBookingsQuery query, CancellationToken cancellationToken)
    {
        var lead = await VisibleLeads.FindAsync(db, user, query.LeadId, cancellationToken);
        var bookings = await db.Bookings.AsNoTracking().Where(b => b.LeadId == lead.Id).OrderBy(b => b.StartUtc).ThenBy(b => b.Id).ToListAsync(cancellationToken);
        return await BookingReads.ToDtosAsync(operations, bookings, cancellationToken);
    }
}
