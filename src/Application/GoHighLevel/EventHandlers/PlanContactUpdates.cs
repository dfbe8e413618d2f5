using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// A lead edited in the hub becomes a <c>contact.update</c> for its sub-account's GoHighLevel integration, written in the
/// lead's own save; a lead that never went to GoHighLevel gets its <c>contact.create</c> instead (which sends every field).
/// One update not yet started carries every pending change, so a second is not queued beside it.
/// </summary>
public sealed class PlanContactUpdates(IIntegrations integrations, IOutboundOperationsOfLeads operations, TimeProvider clock) : IOutboundPlanner
{
    public async ValueTask PlanAsync(IReadOnlyList<IDomainEvent> events, IOutbox outbox, CancellationToken cancellationToken)
    {
        var leads = events.OfType<LeadEdited>().Select(e => e.Lead).Where(l => l.Id != 0).Distinct().ToList();
        if (leads.Count == 0)
        {
            return;
        }

        var carrier = await LeadCarriers.OfAsync(integrations, leads.Select(l => l.SubAccountId).Distinct().ToList(), cancellationToken);
        var leadIds = leads.Select(l => (int?)l.Id).ToList();
        var open = await operations.ContactOperationsOfAsync(leadIds, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var lead in leads)
        {
            if (!carrier.TryGetValue(lead.SubAccountId, out var integration))
            {
                continue;
            }

            var mine = open.Where(o => o.LeadId == lead.Id).ToList();
            var kind = lead.ExternalContactId is null && lead.DuplicateOfLeadId is null && !mine.Any(o => o.Kind == OutboundKind.ContactCreate)
                ? OutboundKind.ContactCreate
                : OutboundKind.ContactUpdate;
            if (mine.Any(o => o.Kind == kind && o.Status is OutboundStatus.Pending or OutboundStatus.Waiting && o.AttemptCount == 0))
            {
                continue; // Not started yet: it reads the lead when it runs, so it takes this change too.
            }

            outbox.AddForLead(OutboundOperation.Create(kind, integration.Id, lead.Id, integration.Active, now), lead);
        }
    }
}
