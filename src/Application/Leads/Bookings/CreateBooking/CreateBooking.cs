using FluentValidation;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>A booking for a lead (tenant: its own; admin: any); its <c>booking.create</c> commits with it.</summary>
public sealed record CreateBookingCommand(DateTimeOffset? StartTime, DateTimeOffset? EndTime, string? Title, string? CalendarId, string? Notes)
    : ICommand<BookingDto>
{
    /// <summary>From the route.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int LeadId { get; init; }
}

public sealed class CreateBookingCommandValidator : AbstractValidator<CreateBookingCommand>
{
    public CreateBookingCommandValidator()
    {
        RuleFor(x => x.StartTime).NotNull().WithMessage("startTime is required, with its offset (2026-03-02T10:00:00-05:00).").OverridePropertyName("startTime");
        RuleFor(x => x.EndTime).NotNull().WithMessage("endTime is required, with its offset.").OverridePropertyName("endTime");
        RuleFor(x => x.EndTime).GreaterThan(x => x.StartTime).When(x => x.StartTime is not null && x.EndTime is not null)
            .WithMessage("endTime must be after startTime.").OverridePropertyName("endTime");
        RuleFor(x => x.Title).MaximumLength(Booking.MaxTitleLength).OverridePropertyName("title");
        RuleFor(x => x.CalendarId).MaximumLength(Booking.MaxIdLength).OverridePropertyName("calendarId");
        RuleFor(x => x.Notes).MaximumLength(Booking.MaxNotesLength).OverridePropertyName("notes");
    }
}

public sealed class CreateBookingHandler(IAppDbContext db, ICurrentUser user, IBookingCalendars calendars, IOutboundOperationsOfBookings operations,
    TimeProvider clock) : ICommandHandler<CreateBookingCommand, BookingDto>
{
    public async ValueTask<BookingDto> Handle(CreateBookingCommand command, CancellationToken cancellationToken)
    {
        var lead = await VisibleLeads.FindAsync(db, user, command.LeadId, cancellationToken);
        // The integration's calendar when none is named: a booking always says which calendar it is in.
        var calendarId = command.CalendarId ?? await calendars.DefaultCalendarAsync(lead.SubAccountId, cancellationToken);
        var booking = Booking.Create(lead.SubAccountId, lead.Id, command.StartTime!.Value, command.EndTime!.Value, command.Title ?? "Booking", calendarId,
            command.Notes, clock.GetUtcNow().UtcDateTime);
        db.Bookings.Add(booking);
        await db.SaveChangesAsync(cancellationToken);
        return (await BookingReads.ToDtosAsync(operations, [booking], cancellationToken)).Single();
    }
}
