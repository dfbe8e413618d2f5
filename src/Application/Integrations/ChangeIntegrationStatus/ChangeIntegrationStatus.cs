using FluentValidation;
using IntegrationHub.Domain.Integrations;
using MapsterMapper;

namespace IntegrationHub.Application.Integrations;

public sealed record ChangeIntegrationStatusCommand(string? Status, string? ErrorMessage) : ICommand<IntegrationDto>
{
    public int Id { get; init; }
}

public sealed class ChangeIntegrationStatusCommandValidator : AbstractValidator<ChangeIntegrationStatusCommand>
{
    public ChangeIntegrationStatusCommandValidator()
    {
        RuleFor(x => x.Status).Must(s => IntegrationStatusRules.TryParse(s, out _))
            .WithMessage("status must be one of pending, active, error, disconnected.");
        RuleFor(x => x.ErrorMessage).MaximumLength(Integration.MaxErrorLength);
    }
}

/// <summary>A manual move of the status state machine; a forbidden move is a conflict.</summary>
public sealed class ChangeIntegrationStatusHandler(IAppDbContext db, IMapper mapper, TimeProvider clock)
    : ICommandHandler<ChangeIntegrationStatusCommand, IntegrationDto>
{
    public async ValueTask<IntegrationDto> Handle(ChangeIntegrationStatusCommand command, CancellationToken cancellationToken)
    {
        var integration = await db.Integrations.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Integration", command.Id);
        IntegrationStatusRules.TryParse(command.Status, out var target);
        integration.ChangeStatus(target, command.ErrorMessage, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return IntegrationDto.For(mapper, integration, await db.TemplateLabelAsync(integration, cancellationToken), withHealth: true);
    }
}
