using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>The conflict policy of the CRM integration an event came through (its owner, GoHighLevel, answers).</summary>
public interface IConflictPolicies
{
    Task<ConflictPolicy> ForIntegrationAsync(int? integrationId, CancellationToken cancellationToken);
}
