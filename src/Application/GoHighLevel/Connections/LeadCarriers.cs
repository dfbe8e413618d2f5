using IntegrationHub.Application.Integrations;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>Which GoHighLevel integration takes a sub-account's leads to GoHighLevel (its creates, updates and conflict alerts).</summary>
public static class LeadCarriers
{
    /// <summary>One integration per sub-account carries its leads: an active one if there is one, else the oldest.</summary>
    public static async Task<Dictionary<int, (int Id, bool Active)>> OfAsync(IIntegrations integrations, IReadOnlyCollection<int> subAccountIds,
        CancellationToken cancellationToken) =>
        (await integrations.OfKindAsync(IntegrationKind.GoHighLevel, subAccountIds, cancellationToken))
            .GroupBy(i => i.SubAccountId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.Status == IntegrationStatus.Active).ThenBy(i => i.Id)
                .Select(i => (i.Id, i.Status == IntegrationStatus.Active)).First());
}
