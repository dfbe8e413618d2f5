using MapsterMapper;

namespace IntegrationHub.Application.Integrations;

/// <summary>Integrations the caller may see: a tenant its own, an admin all.</summary>
public sealed record ListVisibleIntegrationsQuery : IQuery<IReadOnlyList<IntegrationDto>>;

public sealed class ListVisibleIntegrationsHandler(IAppDbContext db, ICurrentUser user, IMapper mapper)
    : IQueryHandler<ListVisibleIntegrationsQuery, IReadOnlyList<IntegrationDto>>
{
    public async ValueTask<IReadOnlyList<IntegrationDto>> Handle(ListVisibleIntegrationsQuery query, CancellationToken cancellationToken)
    {
        var subAccountId = user.ScopeSubAccount(null);
        var integrations = db.Integrations.AsQueryable();
        if (subAccountId is { } id)
        {
            integrations = integrations.Where(i => i.SubAccountId == id);
        }

        return await IntegrationReads.ProjectAsync(db, mapper, integrations, withHealth: user.IsAdmin, cancellationToken);
    }
}
