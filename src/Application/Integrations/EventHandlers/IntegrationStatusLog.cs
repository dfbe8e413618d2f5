using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.Integrations;

/// <summary>Writes every status change of an integration to the log, for operators following an incident.</summary>
public sealed class IntegrationStatusLog(ILogger<IntegrationStatusLog> logger)
    : INotificationHandler<IntegrationActivated>, INotificationHandler<IntegrationRecovered>,
      INotificationHandler<IntegrationFailed>, INotificationHandler<IntegrationDisconnected>
{
    public ValueTask Handle(IntegrationActivated notification, CancellationToken cancellationToken)
    {
        logger.LogInformation("Integration {IntegrationId} is active", notification.IntegrationId);
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(IntegrationRecovered notification, CancellationToken cancellationToken)
    {
        logger.LogInformation("Integration {IntegrationId} recovered from {PreviousStatus}", notification.IntegrationId,
            notification.From.ToApiName());
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(IntegrationFailed notification, CancellationToken cancellationToken)
    {
        logger.LogWarning("Integration {IntegrationId} failed: {ErrorMessage}", notification.IntegrationId, notification.ErrorMessage);
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(IntegrationDisconnected notification, CancellationToken cancellationToken)
    {
        logger.LogInformation("Integration {IntegrationId} was disconnected", notification.IntegrationId);
        return ValueTask.CompletedTask;
    }
}
