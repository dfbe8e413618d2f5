namespace IntegrationHub.Application.Integrations;

public sealed record DeleteIntegrationCommand(int Id) : ICommand;

public sealed class DeleteIntegrationHandler(IAppDbContext db) : ICommandHandler<DeleteIntegrationCommand>
{
    public async ValueTask<Unit> Handle(DeleteIntegrationCommand command, CancellationToken cancellationToken)
    {
        var integration = await db.Integrations.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Integration", command.Id);
        integration.MarkDeleted();
        db.Integrations.Remove(integration);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
