using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// A GoHighLevel integration's <c>syncIntervalMinutes</c> drives its recurring contact sync (0 = off). Integrations
/// only says its config changed; the connector decides what that means for its jobs.
/// </summary>
public sealed class ScheduleContactSync(IAppDbContext db, IBackgroundJobs jobs)
    : INotificationHandler<IntegrationConfigChanged>, INotificationHandler<IntegrationDeleted>
{
    public async ValueTask Handle(IntegrationConfigChanged notification, CancellationToken cancellationToken)
    {
        var integration = notification.Integration;
        var templateName = await db.IntegrationTemplates.Where(t => t.Id == integration.IntegrationTemplateId)
            .Select(t => t.Name).SingleOrDefaultAsync(cancellationToken);
        if (templateName == DefaultTemplates.GoHighLevel)
        {
            jobs.ScheduleContactSync(integration.Id, GhlConfig.Read(integration.ConfigJson).SyncIntervalMinutes);
        }
    }

    public ValueTask Handle(IntegrationDeleted notification, CancellationToken cancellationToken)
    {
        jobs.ScheduleContactSync(notification.IntegrationId, 0);
        return ValueTask.CompletedTask;
    }
}
