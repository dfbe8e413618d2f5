using IntegrationHub.Domain.Common;
using FluentValidation;
using IntegrationHub.Domain.Tenancy;
using IntegrationHub.Application.Common.Validation;

namespace IntegrationHub.Application.Tenancy;

public sealed record CreateUserCommand(string? Email, string? Name) : ICommand<UserCreatedDto>
{
    public int SubAccountId { get; init; }
}

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(x => x.Email).NotEmpty().EmailAddressByHubRule().MaximumLength(FieldLengths.Email);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(FieldLengths.Name);
    }
}

/// <summary>A tenant user with a new token, shown once.</summary>
public sealed class CreateUserHandler(IAppDbContext db, IAccessTokens tokens, TimeProvider clock)
    : ICommandHandler<CreateUserCommand, UserCreatedDto>
{
    public async ValueTask<UserCreatedDto> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        if (!await db.SubAccounts.AnyAsync(s => s.Id == command.SubAccountId, cancellationToken))
        {
            throw new NotFoundException("Sub-account", command.SubAccountId);
        }

        var email = command.Email!.Trim().ToLowerInvariant();
        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            throw new ConflictException("A user with that email already exists.");
        }

        var (token, hash) = tokens.Issue();
        var user = User.Create(command.SubAccountId, email, command.Name!, hash, clock.GetUtcNow().UtcDateTime);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return new UserCreatedDto(user.Id, user.Email, user.Name, user.SubAccountId, token);
    }
}
