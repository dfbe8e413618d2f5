using Ardalis.Specification;

namespace IntegrationHub.Domain.Integrations;

/// <summary>The integrations a reader may see: a tenant (or an admin filtering by sub-account) those of one sub-account, an admin all.</summary>
public sealed class IntegrationsVisibleToSpec : Specification<Integration>
{
    public IntegrationsVisibleToSpec(int? subAccountId)
    {
        if (subAccountId is { } id)
        {
            Query.Where(i => i.SubAccountId == id);
        }
    }
}
