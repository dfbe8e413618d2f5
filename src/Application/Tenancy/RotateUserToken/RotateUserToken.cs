using IntegrationHub.Application.Access;

namespace IntegrationHub.Application.Tenancy;

public sealed record RotateUserTokenCommand(int Id) : ICommand<NewTokenDto>;

/// <summary>Issues a tenant user a new token, shown once; the old one stops working at once.</summary>
public sealed class RotateUserTokenHandler(IAppDbContext db, IAccessTokens tokens) : ICommandHandler<RotateUserTokenCommand, NewTokenDto>
{
    public async ValueTask<NewTokenDto> Handle(RotateUserTokenCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("User", command.Id);
        var (token, hash) = tokens.Issue();
        user.ReplaceToken(hash);
        await db.SaveChangesAsync(cancellationToken);
        return new NewTokenDto(token);
    }
}
