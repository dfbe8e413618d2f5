using FluentValidation;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>Reschedule, retitle or confirm a booking; a change queues its <c>booking.update</c>. A cancelled booking is 409.</summary>
public sealed record ChangeBookingCommand(int Id, DateTimeOffset? StartTime, DateTimeOffset? EndTime, string? Title, bool TitleGiven, string? Status)
    : ICommand<BookingDto>;

public sealed class ChangeBookingCommandValidator : AbstractValidator<ChangeBookingCommand>
{
    public ChangeBookingCommandValidator()
    {
        RuleFor(x => x.EndTime).GreaterThan(x => x.StartTime).When(x => x.StartTime is not null && x.EndTime is not null)
            .WithMessage("endTime must be after startTime.").OverridePropertyName("endTime");
        RuleFor(x => x.Title).MaximumLength(Booking.MaxTitleLength).OverridePropertyName("title");
        RuleFor(x => x.Status).Must(s => s is null || BookingStatuses.TryParse(s, out _))
            .WithMessage("status must be booked, confirmed, showed or noshow (cancel with POST /api/bookings/{id}/cancel).")
            .OverridePropertyName("status");
    }
}

public sealed class ChangeBookingHandler(IAppDbContext db, ICurrentUser user, IOutboundOperationsOfBookings operations, TimeProvider clock)
    : ICommandHandler<ChangeBookingCommand, BookingDto>
{
    public async ValueTask<BookingDto> Handle(ChangeBookingCommand command, CancellationToken cancellationToken)
    {
        var booking = await BookingReads.VisibleAsync(db, user, command.Id, cancellationToken, tracked: true);
        BookingStatus? status = command.Status is { } word && BookingStatuses.TryParse(word, out var parsed) ? parsed : null;
        if (booking.Change(command.StartTime, command.EndTime, command.Title, command.TitleGiven, status, clock.GetUtcNow().UtcDateTime))
        {
            await LeadSaves.SaveOrConflictAsync(db, cancellationToken);
        }

        return (await BookingReads.ToDtosAsync(operations, [booking], cancellationToken)).Single();
    }
}
