using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>
/// A batch of events marked for replay with one statement per newly matched location and one for the status, in one
/// transaction; on SQLite the transaction takes its turn at <see cref="SqliteWriteGate"/> as a save does (a bulk update
/// passes EF's save interceptors by).
/// </summary>
public sealed class WebhookReplays(AppDbContext db) : IWebhookReplays
{
    public async Task MarkForReplayAsync(IReadOnlyList<int> eventIds, IReadOnlyDictionary<string, WebhookRoute> routes,
        CancellationToken cancellationToken)
    {
        var ids = eventIds.ToList();
        // SQL Server's execution strategy retries a failed transaction as a whole; the others run it once.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            using (db.Database.IsSqlite() ? await SqliteWriteGate.EnterAsync(cancellationToken) : default(SqliteWriteGate.Turn?))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var (location, route) in routes)
                {
                    var (integrationId, subAccountId) = (route.IntegrationId, route.SubAccountId);
                    await db.WebhookEvents.Where(e => ids.Contains(e.Id) && e.IntegrationId == null && e.LocationId == location)
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(e => e.IntegrationId, integrationId)
                            .SetProperty(e => e.SubAccountId, subAccountId), cancellationToken);
                }

                // WebhookEvent.Replay, as a statement: due now, unless it still has no integration.
                await db.WebhookEvents.Where(e => ids.Contains(e.Id))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(e => e.Status, e => e.IntegrationId == null ? WebhookEventStatus.Unmatched : WebhookEventStatus.Received)
                        .SetProperty(e => e.NextAttemptAt, (DateTime?)null), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        });
    }
}
