using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// A lead created in the hub becomes a <c>contact.create</c> for its sub-account's GoHighLevel integration, written in
/// the lead's own save: waiting while that integration is not active, never dropped.
/// </summary>
public sealed class PlanContactCreates(IIntegrations integrations, TimeProvider clock) : IOutboundPlanner
{
    public async ValueTask PlanAsync(IReadOnlyList<IDomainEvent> events, IOutbox outbox, CancellationToken cancellationToken)
    {
        // A lead that came from the CRM already is a contact there: sending it back would loop.
        var leads = events.OfType<LeadCreated>().Select(e => e.Lead).Where(l => l.ExternalContactId is null).ToList();
        if (leads.Count == 0)
        {
            return;
        }

        var carrier = await LeadCarriers.OfAsync(integrations, leads.Select(l => l.SubAccountId).Distinct().ToList(), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var lead in leads)
        {
            if (carrier.TryGetValue(lead.SubAccountId, out var integration))
            {
                var operation = OutboundOperation.Create(OutboundKind.ContactCreate, integration.Id, lead.Id == 0 ? null : lead.Id,
                    canRunNow: integration.Active, now);
                outbox.AddForLead(operation, lead);
            }
        }
    }
}
