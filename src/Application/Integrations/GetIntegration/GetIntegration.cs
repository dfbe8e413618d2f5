using MapsterMapper;

namespace IntegrationHub.Application.Integrations;

public sealed record GetIntegrationQuery(int Id) : IQuery<IntegrationDto>;

public sealed class GetIntegrationHandler(IAppDbContext db, ICurrentUser user, IMapper mapper) : IQueryHandler<GetIntegrationQuery, IntegrationDto>
{
    public async ValueTask<IntegrationDto> Handle(GetIntegrationQuery query, CancellationToken cancellationToken)
    {
        var found = await IntegrationReads.ProjectAsync(db, mapper, db.Integrations.Where(i => i.Id == query.Id), withHealth: user.IsAdmin, cancellationToken);
        // Another tenant's integration is answered exactly like a missing one.
        return found.SingleOrDefault(i => user.CanSee(i.SubAccountId)) ?? throw new NotFoundException("Integration", query.Id);
    }
}
