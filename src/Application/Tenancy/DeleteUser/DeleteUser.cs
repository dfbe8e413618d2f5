namespace IntegrationHub.Application.Tenancy;

public sealed record DeleteUserCommand(int Id) : ICommand;

/// <summary>
/// Removes a tenant user and its strategies; its token stops working at once. Its leads stay with the sub-account
/// (they are the tenant's records), no longer assigned to anyone.
/// </summary>
public sealed class DeleteUserHandler(IAppDbContext db) : ICommandHandler<DeleteUserCommand>
{
    public async ValueTask<Unit> Handle(DeleteUserCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("User", command.Id);
        var strategies = db.Strategies.Where(s => s.UserId == user.Id).Select(s => (int?)s.Id);
        await db.Leads.Where(l => l.RegularUserId == user.Id || strategies.Contains(l.StrategyId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RegularUserId, (int?)null).SetProperty(l => l.StrategyId, (int?)null), cancellationToken);
        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
