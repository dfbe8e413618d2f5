using FluentValidation;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// Blocks time in a GoHighLevel calendar (a booking made elsewhere). Ready for booking sync, which the seed
/// design keeps disabled for now.
/// </summary>
public sealed record CreateBlockSlotCommand(string? Title, string? CalendarId, string? AssignedUserId, DateTimeOffset? StartTime,
    DateTimeOffset? EndTime) : ICommand<GhlBlockSlot>
{
    public int IntegrationId { get; init; }
}

public sealed class CreateBlockSlotCommandValidator : AbstractValidator<CreateBlockSlotCommand>
{
    public CreateBlockSlotCommandValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
        RuleFor(x => x.StartTime).NotNull();
        RuleFor(x => x.EndTime).NotNull().GreaterThan(x => x.StartTime).WithMessage("endTime must be after startTime.");
        RuleFor(x => x).Must(x => x.CalendarId is null || x.AssignedUserId is null)
            .WithName("calendarId").WithMessage("Give calendarId or assignedUserId, not both.");
    }
}

public sealed class CreateBlockSlotHandler(IAppDbContext db, GhlConnections connections, IGoHighLevelGateway gateway, TimeProvider clock)
    : ICommandHandler<CreateBlockSlotCommand, GhlBlockSlot>
{
    public async ValueTask<GhlBlockSlot> Handle(CreateBlockSlotCommand command, CancellationToken cancellationToken)
    {
        var (integration, kind) = await connections.LoadAsync(command.IntegrationId, cancellationToken);
        if (kind != IntegrationKind.GoHighLevel)
        {
            throw new ConflictException("Block slots are only available for GoHighLevel integrations.");
        }

        var connection = connections.Connect(integration);
        var calendarId = command.CalendarId
            ?? (command.AssignedUserId is null ? GhlConfig.Read(integration.ConfigJson).CalendarId : null);
        if (calendarId is null && command.AssignedUserId is null)
        {
            throw new Common.Exceptions.ValidationException("calendarId", "calendarId is required (the integration has no default calendarId).");
        }

        var request = new GhlBlockSlotRequest
        {
            Title = command.Title!,
            CalendarId = calendarId,
            AssignedUserId = command.AssignedUserId,
            StartTime = command.StartTime!.Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            EndTime = command.EndTime!.Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        };
        try
        {
            return await gateway.CreateBlockSlot(connection, request, cancellationToken);
        }
        catch (GhlApiException ex) when (ex.Kind == GhlFailureKind.Unauthorized)
        {
            // A refused token is the integration's problem, whoever noticed it: it goes to error as a sync or a check would
            // put it, so the console shows it and health checks back off. The caller still gets the refusal.
            integration.RecordFailure(ex.Message, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            throw;
        }
    }
}
