using IntegrationHub.Application.Integrations;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// Keeps the job runner's recurring contact syncs equal to the GoHighLevel integrations' <c>syncIntervalMinutes</c>
/// (0 = off), reading what is committed: a crash between an integration's save and its schedule's change cannot leave
/// them apart for longer than the next reconciliation.
/// </summary>
public interface IContactSyncSchedules
{
    /// <summary>Reconcile soon (an integration's config changed or it was deleted); they are reconciled every minute anyway.</summary>
    void Nudge();
}

/// <summary>What the schedules should be: integration id to interval in minutes, for every GoHighLevel integration syncing on a schedule.</summary>
public static class DesiredContactSyncSchedules
{
    public static async Task<Dictionary<int, int>> ReadAsync(IAppDbContext db, CancellationToken cancellationToken)
    {
        var configs = await new IntegrationDirectory(db).ConfigsOfKindAsync(IntegrationKind.GoHighLevel, cancellationToken);
        return configs.Select(c => (c.Id, Minutes: GhlConfig.Read(c.ConfigJson).SyncIntervalMinutes))
            .Where(c => c.Minutes > 0).ToDictionary(c => c.Id, c => c.Minutes);
    }
}

/// <summary>An integration's config changed or it was deleted: its schedule is reconciled now rather than within the minute.</summary>
public sealed class NudgeContactSyncSchedules(IContactSyncSchedules schedules)
    : INotificationHandler<IntegrationConfigChanged>, INotificationHandler<IntegrationDeleted>
{
    public ValueTask Handle(IntegrationConfigChanged notification, CancellationToken cancellationToken)
    {
        schedules.Nudge();
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(IntegrationDeleted notification, CancellationToken cancellationToken)
    {
        schedules.Nudge();
        return ValueTask.CompletedTask;
    }
}
