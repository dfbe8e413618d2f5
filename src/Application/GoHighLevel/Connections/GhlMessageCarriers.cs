using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Leads;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>A sub-account's messages go out through the GoHighLevel integration that carries its leads (<see cref="LeadCarriers"/>).</summary>
public sealed class GhlMessageCarriers(IIntegrations integrations) : IMessageCarriers
{
    public async Task<bool> HasCarrierAsync(int subAccountId, CancellationToken cancellationToken) =>
        (await LeadCarriers.OfAsync(integrations, [subAccountId], cancellationToken)).Count > 0;
}
