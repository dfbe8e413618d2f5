using Ardalis.Specification;

namespace IntegrationHub.Domain.Integrations;

/// <summary>
/// The integrations connected to a CRM location, the one its webhooks are routed to first: one not disconnected, else
/// the oldest. (A location belongs to one integration; the order decides only while an old copy lingers.)
/// </summary>
public sealed class IntegrationsByLocationSpec : Specification<Integration>
{
    public IntegrationsByLocationSpec(string locationId, int? except = null)
    {
        Query.Where(i => i.ExternalAccountId == locationId);
        if (except is { } id)
        {
            Query.Where(i => i.Id != id);
        }

        Query.OrderBy(i => i.Status == IntegrationStatus.Disconnected).ThenBy(i => i.Id);
    }
}
