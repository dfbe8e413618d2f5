using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>An integration's <c>conflictPolicy</c>, read once per unit of work (a batch of events asks once per integration).</summary>
public sealed class GhlConflictPolicies(IIntegrations integrations) : IConflictPolicies
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
            // A projection, not the aggregate: this runs for the ContactUpdate events of every webhook batch.
            var config = await integrations.ConfigOfAsync(id, cancellationToken);
            _policies[id] = policy = config is null ? ConflictPolicy.LastWriteWins : GhlConfig.Read(config).ConflictPolicy;
        }

        return policy;
    }
}
