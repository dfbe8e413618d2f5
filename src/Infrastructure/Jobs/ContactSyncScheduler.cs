using Hangfire;
using Hangfire.Storage;
using IntegrationHub.Application.GoHighLevel;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Infrastructure.Jobs;

/// <summary>
/// Runs <see cref="ReconcileContactSyncsCommand"/> (recurring contact syncs matched to the committed integrations,
/// orphaned queued runs handed over again) at start, when nudged after an integration's change, and every minute, and
/// is its Hangfire side (<see cref="IContactSyncRecurrences"/>). Several instances may do it at once: adding or removing
/// a recurring job is idempotent, and a run only starts while it is queued.
/// </summary>
public sealed class ContactSyncScheduler(IServiceScopeFactory scopes, JobStorage storage, IRecurringJobManager recurring,
    ILogger<ContactSyncScheduler> logger) : BackgroundService, IContactSyncSchedules, IContactSyncRecurrences
{
    private const string IdPrefix = "ghl-contact-sync-";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan OrphanedAfter = ReconcileContactSyncsHandler.OrphanedAfter;
    private readonly SemaphoreSlim _nudged = new(0, 1);

    public static string JobId(int integrationId) => IdPrefix + integrationId;

    public void Nudge()
    {
        try
        {
            _nudged.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already nudged: one reconciliation covers both.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ReconcileAsync(stoppingToken);
                await _nudged.WaitAsync(Interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next start reconciles.
        }
    }

    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReconcileContactSyncsCommand(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database or the job storage is unreachable for a moment: the next round tries again.
            logger.LogWarning(ex, "Contact sync schedules could not be reconciled; trying again within a minute");
        }
    }

    public void Match(IReadOnlyDictionary<int, int> desired)
    {
        using var connection = storage.GetConnection();
        var existing = connection.GetRecurringJobs().Where(j => j.Id.StartsWith(IdPrefix, StringComparison.Ordinal))
            .ToDictionary(j => j.Id, j => j.Cron);
        foreach (var (integrationId, minutes) in desired)
        {
            var cron = HangfireBackgroundJobs.Cron(minutes);
            if (!existing.TryGetValue(JobId(integrationId), out var current) || current != cron)
            {
                recurring.AddOrUpdate<ContactSyncJob>(JobId(integrationId), job => job.RunScheduledAsync(integrationId, CancellationToken.None), cron);
            }
        }

        foreach (var id in existing.Keys.Where(id => !desired.Keys.Select(JobId).Contains(id)))
        {
            recurring.RemoveIfExists(id);
        }
    }
}
