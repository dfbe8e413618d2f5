using IntegrationHub.Application.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>A webhook route changed (secret rotated, location moved, integration deleted): every instance forgets it.</summary>
public sealed class RouteChange
{
    public long Id { get; private set; }
    public string LocationId { get; private set; } = "";
    public DateTime ChangedAt { get; private set; }

    public static RouteChange Of(string locationId, DateTime now) => new() { LocationId = locationId, ChangedAt = now };
}

/// <summary>
/// Carries route changes between instances that share a server database: the instance that saved a change writes a
/// row, and every instance reads the rows of the last few seconds four times a second and drops those routes from its
/// cache. So a rotated secret or a removed integration counts everywhere within a second, at the cost of one tiny
/// query per quarter second. Rows are read over a window rather than after the last id seen, because ids of
/// concurrent transactions do not commit in order. Nothing to do where the database is not shared (SQLite).
/// </summary>
public sealed class RouteChangeFeed(
    IServiceScopeFactory scopes, IWebhookRoutes routes, InstanceSharing sharing, TimeProvider clock, ILogger<RouteChangeFeed> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5); // covers clock skew between instances and slow commits
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    /// <summary>Records changed routes for the other instances (after the change itself committed).</summary>
    public async Task PublishAsync(DbContext db, IReadOnlyList<string> locationIds, CancellationToken cancellationToken)
    {
        if (locationIds.Count == 0 || !sharing.Shared)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            foreach (var locationId in locationIds)
            {
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "RouteChanges" ("LocationId", "ChangedAt") VALUES ({locationId}, {now})""", cancellationToken);
            }

            var expired = now - KeepFor;
            await db.Set<RouteChange>().Where(c => c.ChangedAt < expired).ExecuteDeleteAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException ex)
        {
            // The change itself is committed; failing the caller now would report it as failed. Other instances still
            // see it when their cached route expires (seconds).
            logger.LogWarning("Telling other instances about changed webhook routes failed: {Error}", ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sharing.Shared)
        {
            return;
        }

        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var since = clock.GetUtcNow().UtcDateTime - Window;
                var changed = await db.Set<RouteChange>().AsNoTracking().Where(c => c.ChangedAt > since)
                    .Select(c => c.LocationId).Distinct().ToListAsync(stoppingToken);
                changed.ForEach(routes.Forget);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Cached routes still expire on their own (seconds); the next poll tries again.
                logger.LogWarning("Reading webhook route changes failed: {Error}", ex.Message);
            }
        }
    }
}
