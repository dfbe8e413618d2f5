using IntegrationHub.Domain.Common;
using FluentValidation;
using IntegrationHub.Domain.Tenancy;

namespace IntegrationHub.Application.Tenancy;

public sealed record CreateSubAccountCommand(string? Name, string? Timezone) : ICommand<SubAccountDto>;

public sealed class CreateSubAccountCommandValidator : AbstractValidator<CreateSubAccountCommand>
{
    public CreateSubAccountCommandValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(FieldLengths.Name);
        RuleFor(x => x.Timezone)
            .Must(tz => tz is null || TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
            .WithMessage("Time zone must be an IANA time zone id such as 'America/New_York'.");
    }
}

public sealed class CreateSubAccountHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<CreateSubAccountCommand, SubAccountDto>
{
    public async ValueTask<SubAccountDto> Handle(CreateSubAccountCommand command, CancellationToken cancellationToken)
    {
        var subAccount = SubAccount.Create(command.Name!, command.Timezone, clock.GetUtcNow().UtcDateTime);
        db.SubAccounts.Add(subAccount);
        await db.SaveChangesAsync(cancellationToken);
        return SubAccountDto.From(subAccount);
    }
}
