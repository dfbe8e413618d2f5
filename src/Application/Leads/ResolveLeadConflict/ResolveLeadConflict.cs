using FluentValidation;
using IntegrationHub.Application.Outbound;
using MapsterMapper;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// Settles an open conflict: <c>keep: "hub"</c> sends the hub's value (a <c>contact.update</c> that is no new conflict),
/// <c>keep: "crm"</c> gives the lead GoHighLevel's value. Once a lead has no open conflict, its <c>contact.update</c>s that
/// ended <c>conflict</c> are cancelled: they held the lead's later operations, and what they left is now decided.
/// </summary>
public sealed record ResolveLeadConflictCommand(int Id, string? Field, string? Keep) : ICommand<LeadDto>;

public sealed class ResolveLeadConflictCommandValidator : AbstractValidator<ResolveLeadConflictCommand>
{
    public ResolveLeadConflictCommandValidator()
    {
        RuleFor(x => x.Field).NotEmpty().WithMessage("field names the field in conflict.");
        RuleFor(x => x.Keep).Must(k => k is "hub" or "crm").WithMessage("keep must be \"hub\" or \"crm\".");
    }
}

public sealed class ResolveLeadConflictHandler(IAppDbContext db, IOutboundOperationsOfLeads operations, ICurrentUser user, IMapper mapper, TimeProvider clock)
    : ICommandHandler<ResolveLeadConflictCommand, LeadDto>
{
    public async ValueTask<LeadDto> Handle(ResolveLeadConflictCommand command, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == command.Id, cancellationToken);
        if (lead is null || !user.CanSee(lead.SubAccountId))
        {
            throw new NotFoundException("Lead", command.Id);
        }

        if (lead.SyncState.OpenFor(command.Field!) is null)
        {
            throw new NotFoundException("Open conflict", command.Field!);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        lead.ResolveConflict(command.Field!, keepHub: command.Keep == "hub", now);
        if (!lead.SyncState.Open.Any())
        {
            await operations.CancelHeldContactUpdatesAsync(lead.Id, "Its conflicts were resolved; what is left to send goes in a new contact.update.", now,
                cancellationToken);
        }

        await LeadSaves.SaveOrConflictAsync(db, cancellationToken);
        return mapper.Map<LeadDto>(lead);
    }
}
