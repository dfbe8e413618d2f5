using FluentValidation;
using IntegrationHub.Domain.Leads;
using MapsterMapper;
using IntegrationHub.Application.Common.Validation;
using IntegrationHub.Application.Tenancy;

namespace IntegrationHub.Application.Leads;

/// <summary>A tenant user records a lead by hand; it is assigned to that user and their first strategy.</summary>
public sealed record CreateLeadCommand(
    string? Name,
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    string? Company,
    string? Address,
    string? City,
    string? State,
    string? PostalCode,
    string? Country,
    string? Timezone,
    string? Source,
    IReadOnlyList<string>? Tags) : ICommand<LeadDto>;

public sealed class CreateLeadCommandValidator : AbstractValidator<CreateLeadCommand>
{
    public CreateLeadCommandValidator()
    {
        RuleFor(x => x).Must(x => !string.IsNullOrWhiteSpace(x.Name) || !string.IsNullOrWhiteSpace(x.FirstName)
                || !string.IsNullOrWhiteSpace(x.LastName))
            .WithName("name").WithMessage("name (or firstName / lastName) is required.");
        RuleFor(x => x.Name).MaximumLength(Lead.MaxLength.Name);
        RuleFor(x => x.Email).LeadEmail().When(x => !string.IsNullOrEmpty(x.Email));
        RuleFor(x => x.Phone).LeadPhone().When(x => !string.IsNullOrEmpty(x.Phone));
        RuleFor(x => x.Timezone).LeadTimezone();
        RuleFor(x => x.Tags).LeadTags();
    }
}

public sealed class CreateLeadHandler(IAppDbContext db, ITenantDirectory tenants, ICurrentUser user, IMapper mapper, TimeProvider clock)
    : ICommandHandler<CreateLeadCommand, LeadDto>
{
    public async ValueTask<LeadDto> Handle(CreateLeadCommand command, CancellationToken cancellationToken)
    {
        if (user.UserId is not { } userId || user.SubAccountId is not { } subAccountId)
        {
            throw new ForbiddenException("Only a tenant user can create leads.");
        }

        var strategyId = await tenants.FirstStrategyAsync(userId, cancellationToken);
        var timezone = command.Timezone ?? await tenants.TimezoneAsync(subAccountId, cancellationToken);

        var details = new ContactDetails
        {
            Name = command.Name, FirstName = command.FirstName, LastName = command.LastName, Email = command.Email,
            Phone = command.Phone, Company = command.Company, Address = command.Address, City = command.City,
            State = command.State, PostalCode = command.PostalCode, Country = command.Country,
            Source = command.Source ?? "manual", Tags = command.Tags ?? [],
        };
        var lead = Lead.Create(subAccountId, userId, strategyId, details, timezone, null, clock.GetUtcNow().UtcDateTime);
        db.Leads.Add(lead);
        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<LeadDto>(lead);
    }
}
