using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// A message queued in the hub becomes a <c>message.send</c> for its sub-account's GoHighLevel integration, written in the
/// message's own save; it runs after the lead's earlier operations (a <c>contact.create</c> first), never before.
/// </summary>
public sealed class PlanMessageSends(IIntegrations integrations, TimeProvider clock) : IOutboundPlanner
{
    public async ValueTask PlanAsync(IReadOnlyList<IDomainEvent> events, IOutbox outbox, CancellationToken cancellationToken)
    {
        var messages = events.OfType<MessageQueued>().Select(e => e.Message).ToList();
        if (messages.Count == 0)
        {
            return;
        }

        var carrier = await LeadCarriers.OfAsync(integrations, messages.Select(m => m.SubAccountId).Distinct().ToList(), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var message in messages)
        {
            // The command refuses a sub-account without an integration; one deleted since leaves the message queued for
            // nobody, which its status shows.
            if (carrier.TryGetValue(message.SubAccountId, out var integration))
            {
                outbox.AddForMessage(OutboundOperation.Create(OutboundKind.MessageSend, integration.Id, message.LeadId, integration.Active, now), message);
            }
        }
    }
}
