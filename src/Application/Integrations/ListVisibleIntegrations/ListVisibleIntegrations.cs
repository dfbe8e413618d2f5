using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Domain.Integrations;
using MapsterMapper;

namespace IntegrationHub.Application.Integrations;

/// <summary>Integrations the caller may see: a tenant its own, an admin all.</summary>
public sealed record ListVisibleIntegrationsQuery : IQuery<IReadOnlyList<IntegrationDto>>;

public sealed class ListVisibleIntegrationsHandler(IAppDbContext db, ICurrentUser user, IMapper mapper)
    : IQueryHandler<ListVisibleIntegrationsQuery, IReadOnlyList<IntegrationDto>>
{
    public async ValueTask<IReadOnlyList<IntegrationDto>> Handle(ListVisibleIntegrationsQuery query, CancellationToken cancellationToken)
    {
        var integrations = db.Integrations.WithSpecification(new IntegrationsVisibleToSpec(user.ScopeSubAccount(null)));

        return await IntegrationReads.ProjectAsync(db, mapper, integrations, withHealth: user.IsAdmin, cancellationToken);
    }
}
