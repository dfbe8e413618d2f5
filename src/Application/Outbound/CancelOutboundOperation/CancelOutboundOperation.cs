namespace IntegrationHub.Application.Outbound;

public sealed record CancelOutboundOperationCommand(int Id) : ICommand<OutboundOperationDto>;

/// <summary>A pending, waiting, failed or conflict operation is cancelled: it never runs (the domain refuses others: 409).</summary>
public sealed class CancelOutboundOperationHandler(IAppDbContext db, TimeProvider clock)
    : ICommandHandler<CancelOutboundOperationCommand, OutboundOperationDto>
{
    public const string Reason = "Cancelled by an admin.";

    public async ValueTask<OutboundOperationDto> Handle(CancelOutboundOperationCommand command, CancellationToken cancellationToken)
    {
        var operation = await OutboundSteering.FindAsync(db, command.Id, cancellationToken);
        var readAs = operation.Status;
        operation.Cancel(clock.GetUtcNow().UtcDateTime, Reason);
        await OutboundSteering.SaveIfStillAsync(db, operation, readAs, cancellationToken);
        return OutboundOperationDto.From(operation);
    }
}
