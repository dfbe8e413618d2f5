using IntegrationHub.Domain.Common;
using FluentValidation;
using IntegrationHub.Domain.Tenancy;

namespace IntegrationHub.Application.Tenancy;

public sealed record CreateStrategyCommand(string? Name) : ICommand<StrategyDto>
{
    public int UserId { get; init; }
}

public sealed class CreateStrategyCommandValidator : AbstractValidator<CreateStrategyCommand>
{
    public CreateStrategyCommandValidator() => RuleFor(x => x.Name).NotEmpty().MaximumLength(FieldLengths.Name);
}

public sealed class CreateStrategyHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<CreateStrategyCommand, StrategyDto>
{
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
