using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// Bookings starting from <c>from</c> (inclusive) to <c>to</c> (exclusive), soonest first: a tenant's own, an admin's of
/// every sub-account or the one named. At most <see cref="MaxBookings"/>.
/// </summary>
public sealed record ListBookingsQuery(DateTimeOffset? From, DateTimeOffset? To, string? Status, int? SubAccountId) : IQuery<IReadOnlyList<BookingDto>>;

public sealed class ListBookingsHandler(IAppDbContext db, ICurrentUser user, IOutboundOperationsOfBookings operations)
    : IQueryHandler<ListBookingsQuery, IReadOnlyList<BookingDto>>
{
    public const int MaxBookings = 1000;

    public async ValueTask<IReadOnlyList<BookingDto>> Handle(ListBookingsQuery query, CancellationToken cancellationToken)
    {
        if (query.Status is not null && !BookingStatuses.TryParse(query.Status, out _))
        {
            throw new ValidationException("status", "status must be booked, confirmed, cancelled, showed or noshow.");
        }

        if (query.From is { } from && query.To is { } to && to <= from)
        {
            throw new ValidationException("to", "to must be after from.");
        }

        var bookings = db.Bookings.AsNoTracking();
        var scope = user.IsAdmin ? query.SubAccountId : user.SubAccountId;
        if (scope is { } subAccountId)
        {
            bookings = bookings.Where(b => b.SubAccountId == subAccountId);
        }

        if (query.From is { } start)
        {
            var fromUtc = start.UtcDateTime;
            bookings = bookings.Where(b => b.StartUtc >= fromUtc);
        }

        if (query.To is { } end)
        {
            var toUtc = end.UtcDateTime;
            bookings = bookings.Where(b => b.StartUtc < toUtc);
        }

        if (query.Status is not null && BookingStatuses.TryParse(query.Status, out var status))
        {
            bookings = bookings.Where(b => b.Status == status);
        }

        var page = await bookings.OrderBy(b => b.StartUtc).ThenBy(b => b.Id).Take(MaxBookings).ToListAsync(cancellationToken);
        return await BookingReads.ToDtosAsync(operations, page, cancellationToken);
    }
}
