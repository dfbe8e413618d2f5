namespace IntegrationHub.Application.Outbound;

public sealed record RetryOutboundOperationCommand(int Id) : ICommand<OutboundOperationDto>;

/// <summary>A failed or conflict operation runs again (the domain refuses any other: 409); the dispatcher is woken for it.</summary>
public sealed class RetryOutboundOperationHandler(IAppDbContext db, TimeProvider clock, IOutboundWakeUp dispatcher)
    : ICommandHandler<RetryOutboundOperationCommand, OutboundOperationDto>
{
    public async ValueTask<OutboundOperationDto> Handle(RetryOutboundOperationCommand command, CancellationToken cancellationToken)
    {
        var operation = await OutboundSteering.FindAsync(db, command.Id, cancellationToken);
        var readAs = operation.Status;
        operation.Retry(clock.GetUtcNow().UtcDateTime);
        await OutboundSteering.SaveIfStillAsync(db, operation, readAs, cancellationToken);
        dispatcher.Nudge();
        return OutboundOperationDto.From(operation);
    }
}
