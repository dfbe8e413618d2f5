namespace IntegrationHub.Application.Tenancy;

public sealed record DeleteUserCommand(int Id) : ICommand;

/// <summary>
/// Removes a tenant user and its strategies; its token stops working at once. Its leads stay with the sub-account
/// (they are the tenant's records), no longer assigned to anyone.
/// </summary>
public sealed class DeleteUserHandler(IAppDbContext db, IPublisher publisher) : ICommandHandler<DeleteUserCommand>
{
    public async ValueTask<Unit> Handle(DeleteUserCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("User", command.Id);
        var strategies = await db.Strategies.Where(s => s.UserId == user.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        await publisher.Publish(new UserDeleting(user.Id, strategies), cancellationToken);
        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
