using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

public sealed record GetBookingQuery(int Id) : IQuery<BookingDto>;

public sealed class GetBookingHandler(IAppDbContext db, ICurrentUser user, IOutboundOperationsOfBookings operations) : IQueryHandler<GetBookingQuery, BookingDto>
{
    public async ValueTask<BookingDto> Handle(GetBookingQuery query, CancellationToken cancellationToken) =>
        (await BookingReads.ToDtosAsync(operations, [await BookingReads.VisibleAsync(db, user, query.Id, cancellationToken)], cancellationToken)).Single();
}
