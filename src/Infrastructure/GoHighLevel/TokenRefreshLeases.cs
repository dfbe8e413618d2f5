using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// Refresh leases as conditional writes the database decides between instances: an expired lease is taken over by one
/// UPDATE (<c>WHERE Key = @key AND ExpiresAt &lt; @now</c>: one row changed means taken), an absent one by an insert
/// that does nothing when the row exists. Neither waits on a lock nor throws when another instance got there first.
/// </summary>
internal sealed class TokenRefreshLeases(AppDbContext db, InstanceSharing sharing, IUniqueViolations uniqueViolations, TimeProvider clock)
    : ITokenRefreshLeases
{
    private static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    public async Task<string?> TryTakeAsync(string key, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var holder = Holder();
        using (await WriteTurnAsync(cancellationToken))
        {
            var takenOver = await db.Set<TokenRefreshLease>().Where(l => l.Key == key && l.ExpiresAt < now)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
            if (takenOver == 1)
            {
                return holder;
            }

            try
            {
                return await db.Database.ExecuteSqlRawAsync(InsertIfAbsent(), [key, holder, until], cancellationToken) == 1 ? holder : null;
            }
            catch (Exception ex) when (uniqueViolations.IsUniqueViolation(ex))
            {
                // SQL Server's "where not exists" raced another insert: that instance holds it.
                return null;
            }
        }
    }

    public async Task ReleaseAsync(string key, string holder, CancellationToken cancellationToken)
    {
        using (await WriteTurnAsync(cancellationToken))
        {
            await db.Set<TokenRefreshLease>().Where(l => l.Key == key && l.Holder == holder).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>This process and a fresh id: two renewals in one process are two holders as much as two instances are.</summary>
    private static string Holder()
    {
        var holder = $"{Instance}/{Guid.NewGuid():N}";
        return holder.Length <= TokenRefreshLease.HolderLength ? holder : holder[^TokenRefreshLease.HolderLength..];
    }

    private string InsertIfAbsent() => db.Database.IsSqlServer()
        ? """
          INSERT INTO [TokenRefreshLeases] ([Key], [Holder], [ExpiresAt])
          SELECT {0}, {1}, {2} WHERE NOT EXISTS (SELECT 1 FROM [TokenRefreshLeases] WITH (UPDLOCK, HOLDLOCK) WHERE [Key] = {0})
          """
        // SQLite and PostgreSQL.
        : """
          INSERT INTO "TokenRefreshLeases" ("Key", "Holder", "ExpiresAt") VALUES ({0}, {1}, {2}) ON CONFLICT ("Key") DO NOTHING
          """;

    // Raw and bulk writes bypass SaveChanges, so on SQLite they take the write gate's turn themselves.
    private async ValueTask<IDisposable?> WriteTurnAsync(CancellationToken cancellationToken) =>
        sharing.Shared ? null : (IDisposable)await SqliteWriteGate.EnterAsync(cancellationToken);
}
