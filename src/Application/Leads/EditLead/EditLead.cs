using FluentValidation;
using IntegrationHub.Domain.Leads;
using MapsterMapper;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// A tenant user (their own lead) or an admin edits a lead. Changed fields become pending changes; the lead's save queues
/// the <c>contact.update</c> (or <c>contact.create</c>) that takes them to GoHighLevel.
/// </summary>
public sealed record EditLeadCommand(int Id, LeadChanges Changes) : ICommand<LeadDto>;

public sealed class EditLeadCommandValidator : AbstractValidator<EditLeadCommand>
{
    public EditLeadCommandValidator()
    {
        RuleFor(x => x.Changes.FirstName).MaximumLength(Lead.MaxLength.FirstName).OverridePropertyName("firstName");
        RuleFor(x => x.Changes.LastName).MaximumLength(Lead.MaxLength.LastName).OverridePropertyName("lastName");
        RuleFor(x => x.Changes.Email).LeadEmail().When(x => x.Changes.Email is not null).OverridePropertyName("email");
        RuleFor(x => x.Changes.Phone).LeadPhone().When(x => x.Changes.Phone is not null).OverridePropertyName("phone");
        RuleFor(x => x.Changes.Company).MaximumLength(Lead.MaxLength.Company).OverridePropertyName("company");
        RuleFor(x => x.Changes.Address).MaximumLength(Lead.MaxLength.Address).OverridePropertyName("address");
        RuleFor(x => x.Changes.City).MaximumLength(Lead.MaxLength.City).OverridePropertyName("city");
        RuleFor(x => x.Changes.State).MaximumLength(Lead.MaxLength.State).OverridePropertyName("state");
        RuleFor(x => x.Changes.PostalCode).MaximumLength(Lead.MaxLength.PostalCode).OverridePropertyName("postalCode");
        RuleFor(x => x.Changes.Country).MaximumLength(Lead.MaxLength.Country).OverridePropertyName("country");
        RuleFor(x => x.Changes.Timezone).LeadTimezone().OverridePropertyName("timezone");
        RuleFor(x => x.Changes.Tags).LeadTags().OverridePropertyName("tags");
        RuleFor(x => x.Changes.Tags).Must(t => t is null || t.All(tag => tag.Length <= 100)).WithMessage("A tag is at most 100 characters.")
            .OverridePropertyName("tags");
        RuleFor(x => x.Changes.CustomFields)
            .Must(f => f is null || f.Count <= LeadFieldRules.MaxCustomFields)
            .WithMessage($"At most {LeadFieldRules.MaxCustomFields} custom fields.")
            .Must(f => f is null || f.All(p => !string.IsNullOrWhiteSpace(p.Key) && p.Key.Length <= LeadFieldRules.MaxCustomFieldIdLength))
            .WithMessage($"customFields are keyed by GoHighLevel field id (1-{LeadFieldRules.MaxCustomFieldIdLength} characters).")
            .OverridePropertyName("customFields");
    }
}

public sealed class EditLeadHandler(IAppDbContext db, ICurrentUser user, IMapper mapper, TimeProvider clock) : ICommandHandler<EditLeadCommand, LeadDto>
{
    public async ValueTask<LeadDto> Handle(EditLeadCommand command, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == command.Id, cancellationToken);
        if (lead is null || !user.CanSee(lead.SubAccountId))
        {
            throw new NotFoundException("Lead", command.Id);
        }

        if (lead.Edit(command.Changes.ToFieldValues(lead), clock.GetUtcNow().UtcDateTime).Count > 0)
        {
            await LeadSaves.SaveOrConflictAsync(db, cancellationToken);
        }

        return mapper.Map<LeadDto>(lead);
    }
}
