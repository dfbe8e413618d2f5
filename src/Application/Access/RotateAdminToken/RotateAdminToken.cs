namespace IntegrationHub.Application.Access;

public sealed record RotateAdminTokenCommand(int Id) : ICommand<NewTokenDto>;

/// <summary>Issues an admin a new token, shown once; the old one stops working at once (tokens are looked up per request).</summary>
public sealed class RotateAdminTokenHandler(IAppDbContext db, IAccessTokens tokens) : ICommandHandler<RotateAdminTokenCommand, NewTokenDto>
{
    public async ValueTask<NewTokenDto> Handle(RotateAdminTokenCommand command, CancellationToken cancellationToken)
    {
        var admin = await db.AdminUsers.SingleOrDefaultAsync(a => a.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Admin", command.Id);
        var (token, hash) = tokens.Issue();
        admin.ReplaceToken(hash);
        await db.SaveChangesAsync(cancellationToken);
        return new NewTokenDto(token);
    }
}
