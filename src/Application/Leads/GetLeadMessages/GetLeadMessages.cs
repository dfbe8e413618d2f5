using MapsterMapper;

namespace IntegrationHub.Application.Leads;

public sealed record GetLeadMessagesQuery(int LeadId) : IQuery<IReadOnlyList<LeadMessageDto>>;

/// <summary>A lead's message log, oldest first.</summary>
public sealed class GetLeadMessagesHandler(IAppDbContext db, ICurrentUser user, IMapper mapper)
    : IQueryHandler<GetLeadMessagesQuery, IReadOnlyList<LeadMessageDto>>
{
    public async ValueTask<IReadOnlyList<LeadMessageDto>> Handle(GetLeadMessagesQuery query, CancellationToken cancellationToken)
    {
        var lead = await VisibleLeads.FindAsync(db, user, query.LeadId, cancellationToken);
        var messages = await db.LeadMessages.AsNoTracking()
            // Messages that arrived before their lead carry only the contact id: they belong to it all the same.
            .Where(m => m.LeadId == lead.Id || (lead.ExternalContactId != null && m.LeadId == null
                && m.SubAccountId == lead.SubAccountId && m.ExternalContactId == lead.ExternalContactId))
            .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        // A message still waiting for its link (done just after its contact's event commits) is the lead's all the same.
        return mapper.Map<List<LeadMessageDto>>(messages).Select(m => m with { LeadId = lead.Id }).ToList();
    }
}
