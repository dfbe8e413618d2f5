namespace IntegrationHub.Application.Access;

public sealed record DeleteAdminCommand(int Id) : ICommand;

/// <summary>Removes an admin (its token stops working at once); never the last one, which would lock everyone out.</summary>
public sealed class DeleteAdminHandler(IAppDbContext db, IPublisher publisher) : ICommandHandler<DeleteAdminCommand>
{
    public async ValueTask<Unit> Handle(DeleteAdminCommand command, CancellationToken cancellationToken)
    {
        var admin = await db.AdminUsers.SingleOrDefaultAsync(a => a.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Admin", command.Id);
        if (!await db.AdminUsers.AnyAsync(a => a.Id != admin.Id, cancellationToken))
        {
            throw new ConflictException("This is the last admin; create another admin before deleting it.");
        }

        // What it created stays; only the record of who created it goes (the modules that keep it forget it).
        await publisher.Publish(new AdminDeleting(admin.Id), cancellationToken);
        db.AdminUsers.Remove(admin);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
