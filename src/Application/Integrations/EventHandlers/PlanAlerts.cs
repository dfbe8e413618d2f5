using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Outbound;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// One <c>failing</c> alert when an integration crosses the failure threshold (or its credentials are refused for good), one <c>recovered</c> alert at its first
/// success after that: stored, with the <c>alert</c> operation that delivers it to the alert webhook, in the same save as
/// the state change (a crash cannot keep one without the other), and logged at warning.
/// </summary>
public sealed class PlanAlerts(IAlertWebhook webhook, IntegrationMetrics metrics, TimeProvider clock, ILogger<PlanAlerts> logger)
    : IOutboundPlanner
{
    public ValueTask PlanAsync(IReadOnlyList<IDomainEvent> events, IOutbox outbox, CancellationToken cancellationToken)
    {
        foreach (var domainEvent in events)
        {
            switch (domainEvent)
            {
                case IntegrationHealthFailing failing:
                    Raise(outbox, failing.Integration, AlertKind.Failing,
                        $"Integration '{failing.Integration.Name}' (#{failing.Integration.Id}) failed {failing.ConsecutiveFailures} checks in a row: " +
                        failing.Integration.ErrorMessage);
                    break;
                case IntegrationReconnectNeeded reconnect:
                    Raise(outbox, reconnect.Integration, AlertKind.Failing,
                        $"Integration '{reconnect.Integration.Name}' (#{reconnect.Integration.Id}): {reconnect.Message}");
                    break;
                case IntegrationHealthRestored restored:
                    Raise(outbox, restored.Integration, AlertKind.Recovered,
                        $"Integration '{restored.Integration.Name}' (#{restored.Integration.Id}) recovered after {restored.FailuresBefore} failed checks.");
                    break;
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Raise(IOutbox outbox, Integration integration, AlertKind kind, string message)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var alert = IntegrationAlert.Raise(integration.Id, kind, message, now);
        var delivery = webhook.IsConfigured
            ? OutboundOperation.Create(OutboundKind.Alert, integration.Id, leadId: null, canRunNow: true, now)
            : null;
        outbox.AddAlert(alert, delivery);
        metrics.AlertRaised(kind.ToApiName());
        logger.LogWarning("Alert ({Kind}) for integration {IntegrationId}: {Message}", kind.ToApiName(), integration.Id, message);
    }
}
