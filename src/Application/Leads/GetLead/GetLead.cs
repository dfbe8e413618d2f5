using MapsterMapper;

namespace IntegrationHub.Application.Leads;

public sealed record GetLeadQuery(int Id) : IQuery<LeadDto>;

public sealed class GetLeadHandler(IAppDbContext db, ICurrentUser user, IMapper mapper) : IQueryHandler<GetLeadQuery, LeadDto>
{
    public async ValueTask<LeadDto> Handle(GetLeadQuery query, CancellationToken cancellationToken) =>
        mapper.Map<LeadDto>(await VisibleLeads.FindAsync(db, user, query.Id, cancellationToken));
}
