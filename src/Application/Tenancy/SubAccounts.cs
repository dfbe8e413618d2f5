using FluentValidation;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Tenancy;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.Tenancy;

public sealed record CreateSubAccountCommand(string? Name, string? Timezone) : ICommand<SubAccountDto>;

public sealed record ListSubAccountsQuery : IQuery<IReadOnlyList<SubAccountDto>>;

public sealed record GetSubAccountQuery(int Id) : IQuery<SubAccountDto>;

public sealed class CreateSubAccountCommandValidator : AbstractValidator<CreateSubAccountCommand>
{
    public CreateSubAccountCommandValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Timezone)
            .Must(tz => tz is null || TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
            .WithMessage("timezone must be an IANA time zone id such as 'America/New_York'.");
    }
}

public sealed class SubAccountHandlers(IAppDbContext db, TimeProvider clock)
    : ICommandHandler<CreateSubAccountCommand, SubAccountDto>,
      IQueryHandler<ListSubAccountsQuery, IReadOnlyList<SubAccountDto>>,
      IQueryHandler<GetSubAccountQuery, SubAccountDto>
{
    public async ValueTask<SubAccountDto> Handle(CreateSubAccountCommand command, CancellationToken cancellationToken)
    {
        var subAccount = SubAccount.Create(command.Name!, command.Timezone, clock.GetUtcNow().UtcDateTime);
        db.SubAccounts.Add(subAccount);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(subAccount);
    }

    public async ValueTask<IReadOnlyList<SubAccountDto>> Handle(ListSubAccountsQuery query, CancellationToken cancellationToken) =>
        (await db.SubAccounts.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken)).Select(ToDto).ToList();

    public async ValueTask<SubAccountDto> Handle(GetSubAccountQuery query, CancellationToken cancellationToken) =>
        ToDto(await db.SubAccounts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Sub-account", query.Id));

    private static SubAccountDto ToDto(SubAccount s) => new(s.Id, s.Name, s.Timezone, s.CreatedAt);
}
