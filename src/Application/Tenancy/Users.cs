using FluentValidation;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Tenancy;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.Tenancy;

public sealed record CreateUserCommand(string? Email, string? Name) : ICommand<UserCreatedDto>
{
    public int SubAccountId { get; init; }
}

public sealed record CreateStrategyCommand(string? Name) : ICommand<StrategyDto>
{
    public int UserId { get; init; }
}

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(320);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
    }
}

public sealed class CreateStrategyCommandValidator : AbstractValidator<CreateStrategyCommand>
{
    public CreateStrategyCommandValidator() => RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
}

public sealed class UserHandlers(IAppDbContext db, IAccessTokens tokens, TimeProvider clock)
    : ICommandHandler<CreateUserCommand, UserCreatedDto>, ICommandHandler<CreateStrategyCommand, StrategyDto>
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

    public async ValueTask<StrategyDto> Handle(CreateStrategyCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == command.UserId, cancellationToken))
        {
            throw new NotFoundException("User", command.UserId);
        }

        var strategy = Strategy.Create(command.UserId, command.Name!, clock.GetUtcNow().UtcDateTime);
        db.Strategies.Add(strategy);
        await db.SaveChangesAsync(cancellationToken);
        return new StrategyDto(strategy.Id, strategy.UserId, strategy.Name, strategy.CreatedAt);
    }
}
