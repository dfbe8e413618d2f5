namespace IntegrationHub.Application.Tenancy;

public sealed record DeleteSubAccountCommand(int Id) : ICommand;

/// <summary>
/// Removes a sub-account with its users, strategies, leads and message log (the database cascades). Refused while
/// integrations exist: they hold credentials and webhook routes an admin should end on purpose.
/// </summary>
public sealed class DeleteSubAccountHandler(IAppDbContext db, ISubAccountIntegrations integrationsOf) : ICommandHandler<DeleteSubAccountCommand>
{
    public async ValueTask<Unit> Handle(DeleteSubAccountCommand command, CancellationToken cancellationToken)
    {
        var subAccount = await db.SubAccounts.SingleOrDefaultAsync(s => s.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Sub-account", command.Id);
        var integrations = await integrationsOf.CountForSubAccountAsync(subAccount.Id, cancellationToken);
        if (integrations > 0)
        {
            throw new ConflictException($"The sub-account has {integrations} integration(s); delete them first.");
        }

        db.SubAccounts.Remove(subAccount);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
