using Hangfire;
using Hangfire.Storage;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.GoHighLevel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Infrastructure.Jobs;

/// <summary>
/// Reconciles Hangfire's recurring contact syncs with the committed integrations, and hands queued runs whose hand-off
/// was lost to it again: at start, when nudged after an integration's change, and every minute. Several instances may
/// do it at once: adding or removing a recurring job is idempotent, and a run only starts while it is queued.
/// </summary>
public sealed class ContactSyncScheduler(IServiceScopeFactory scopes, JobStorage storage, IRecurringJobManager recurring,
    ILogger<ContactSyncScheduler> logger) : BackgroundService, IContactSyncSchedules
{
    private const string IdPrefix = "ghl-contact-sync-";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan OrphanedAfter = TimeSpan.FromMinutes(10);
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

    /// <summary>
    /// A manual run is queued in the database and then handed to the job runner; a crash between the two left it queued
    /// for good (and blocking every later run of its integration). One still queued long after a hand-off would have
    /// started it is handed over again; the job runs a run only while it is queued, so a late second hand-off does nothing.
    /// </summary>
    private async Task HandOffOrphanedRunsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var cutoff = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime - OrphanedAfter;
        var orphaned = await services.GetRequiredService<IAppDbContext>().SyncRuns.AsNoTracking()
            .Where(r => r.Status == Domain.Integrations.SyncRunStatus.Queued && r.QueuedAt < cutoff)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        var jobs = services.GetRequiredService<IBackgroundJobs>();
        foreach (var runId in orphaned)
        {
            logger.LogWarning("Contact sync run {SyncRunId} was still queued after {Minutes} minutes; handing it to the job runner again",
                runId, OrphanedAfter.TotalMinutes);
            jobs.EnqueueContactSync(runId);
        }
    }

    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var desired = await DesiredContactSyncSchedules.ReadAsync(scope.ServiceProvider.GetRequiredService<IAppDbContext>(), cancellationToken);
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

            await HandOffOrphanedRunsAsync(scope.ServiceProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database or the job storage is unreachable for a moment: the next round tries again.
            logger.LogWarning(ex, "Contact sync schedules could not be reconciled; trying again within a minute");
        }
    }
}
