using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>Cancels a booking (again: no change); its <c>booking.cancel</c> deletes the calendar's event.</summary>
public sealed record CancelBookingCommand(int Id) : ICommand<BookingDto>;

public sealed class CancelBookingHandler(IAppDbContext db, ICurrentUser user, IOutboundOperationsOfBookings operations, TimeProvider clock)
    : ICommandHandler<CancelBookingCommand, BookingDto>
{
    public async ValueTask<BookingDto> Handle(CancelBookingCommand command, CancellationToken cancellationToken)
    {
        var booking = await BookingReads.VisibleAsync(db, user, command.Id, cancellationToken, tracked: true);
        if (booking.Status != BookingStatus.Cancelled)
        {
            booking.Cancel(clock.GetUtcNow().UtcDateTime);
            await LeadSaves.SaveOrConflictAsync(db, cancellationToken);
        }

        return (await BookingReads.ToDtosAsync(operations, [booking], cancellationToken)).Single();
    }
}
