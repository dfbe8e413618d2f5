using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>An integration's <c>conflictPolicy</c>, read once per unit of work (a batch of events asks once per integration).</summary>
public sealed class GhlConflictPolicies(IAppDbContext db) : IConflictPolicies
{
    private readonly Dictionary<int, ConflictPolicy> _policies = [];

    public async Task<ConflictPolicy> ForIntegrationAsync(int? integrationId, CancellationToken cancellationToken)
    {
        if (integrationId is not { } id)
        {
            return ConflictPolicy.LastWriteWins;
        }

        if (!_policies.TryGetValue(id, out var policy))
        {
            var config = await db.Integrations.AsNoTracking().Where(i => i.Id == id).Select(i => i.ConfigJson).SingleOrDefaultAsync(cancellationToken);
            _policies[id] = policy = config is null ? ConflictPolicy.LastWriteWins : GhlConfig.Read(config).ConflictPolicy;
        }

        return policy;
    }
}
