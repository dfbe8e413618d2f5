using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// One <c>failing</c> alert when an integration crosses the failure threshold, one <c>recovered</c> alert at its first
/// success after that: stored, logged at warning, and handed to the alert webhook's delivery job.
/// </summary>
public sealed class RaiseIntegrationAlerts(
    IAppDbContext db, IBackgroundJobs jobs, IntegrationMetrics metrics, TimeProvider clock, ILogger<RaiseIntegrationAlerts> logger)
    : INotificationHandler<IntegrationHealthFailing>, INotificationHandler<IntegrationHealthRestored>
{
    public ValueTask Handle(IntegrationHealthFailing notification, CancellationToken cancellationToken) =>
        RaiseAsync(notification.Integration, AlertKind.Failing,
            $"Integration '{notification.Integration.Name}' (#{notification.Integration.Id}) failed {notification.ConsecutiveFailures} checks in a row: " +
            notification.Integration.ErrorMessage, cancellationToken);

    public ValueTask Handle(IntegrationHealthRestored notification, CancellationToken cancellationToken) =>
        RaiseAsync(notification.Integration, AlertKind.Recovered,
            $"Integration '{notification.Integration.Name}' (#{notification.Integration.Id}) recovered after {notification.FailuresBefore} failed checks.",
            cancellationToken);

    private async ValueTask RaiseAsync(Integration integration, AlertKind kind, string message, CancellationToken cancellationToken)
    {
        var alert = IntegrationAlert.Raise(integration.Id, kind, message, clock.GetUtcNow().UtcDateTime);
        db.IntegrationAlerts.Add(alert);
        await db.SaveChangesAsync(cancellationToken);
        metrics.AlertRaised(kind.ToApiName());
        logger.LogWarning("Alert {AlertId} ({Kind}): {Message}", alert.Id, kind.ToApiName(), message);
        jobs.EnqueueAlertDelivery(alert.Id);
    }
}
