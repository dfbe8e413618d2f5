using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// A conflict on a lead (whatever its policy did) raises a <c>conflict</c> alert on the sub-account's GoHighLevel
/// integration, delivered to the alert webhook as <c>lead.conflict</c>, in the save that recorded the conflict. The alert
/// names the lead and the field, never the values (personal data): those are on the lead's conflicts.
/// </summary>
public sealed class PlanConflictAlerts(IIntegrations integrations, IAlertWebhook webhook, IntegrationMetrics metrics, TimeProvider clock,
    ILogger<PlanConflictAlerts> logger) : IOutboundPlanner
{
    public async ValueTask PlanAsync(IReadOnlyList<IDomainEvent> events, IOutbox outbox, CancellationToken cancellationToken)
    {
        var conflicts = events.OfType<LeadConflictDetected>().ToList();
        if (conflicts.Count == 0)
        {
            return;
        }

        var carriers = await LeadCarriers.OfAsync(integrations, conflicts.Select(c => c.Lead.SubAccountId).Distinct().ToList(), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (lead, conflict) in conflicts)
        {
            if (!carriers.TryGetValue(lead.SubAccountId, out var carrier))
            {
                continue;
            }

            var integrationId = carrier.Id;
            var decided = conflict.Outcome switch
            {
                ConflictOutcomes.HubWon => "the hub's change won (last write wins)",
                ConflictOutcomes.CrmWon => "GoHighLevel's change won (last write wins)",
                _ => "left open until someone resolves it",
            };
            var message = $"Lead {lead.Id}: '{conflict.Field}' was changed both in the hub and in GoHighLevel; {decided}.";
            var alert = IntegrationAlert.Raise(integrationId, AlertKind.Conflict, message, now);
            var delivery = webhook.IsConfigured ? OutboundOperation.Create(OutboundKind.Alert, integrationId, leadId: null, canRunNow: true, now) : null;
            outbox.AddAlert(alert, delivery);
            metrics.AlertRaised(AlertKind.Conflict.ToApiName());
            logger.LogWarning("Alert (conflict) for integration {IntegrationId}: {Message}", integrationId, message);
        }
    }
}
