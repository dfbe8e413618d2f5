using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>
/// Claims stored events for processing by this instance, so that where several instances share one server database
/// each event is processed by exactly one of them. A claim is a lease with an expiry: the events of an instance that
/// dies mid-batch are taken over by another once it has run out (<see cref="WebhookDispatcher"/>'s takeover sweep).
/// An embedded SQLite database has one instance by construction, so every due event is already its own.
/// </summary>
public sealed class WebhookEventLeases(IOptions<WebhookOptions> options, InstanceSharing sharing, TimeProvider clock)
{
    /// <summary>Shadow columns of <see cref="WebhookEvent"/>: the lease is the database's business, not the domain's.</summary>
    public const string LeasedUntil = "LeasedUntil";
    public const string LeaseToken = "LeaseToken";

    /// <summary>The events of <paramref name="eventIds"/> this instance may process now: due, and not leased by anyone else.</summary>
    public async Task<Lease> ClaimAsync(AppDbContext db, IReadOnlyList<int> eventIds, CancellationToken cancellationToken)
    {
        if (!sharing.Shared || eventIds.Count == 0)
        {
            return new Lease(eventIds, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? until = now + options.Value.ProcessingLease;
        Guid? token = Guid.NewGuid();
        if (db.Database.IsNpgsql())
        {
            return new Lease(await ClaimReturningAsync(db, eventIds, now, until.Value, token.Value, cancellationToken), token);
        }

        // One statement: of two instances claiming the same row, the database lets one update it; the other then finds the
        // row leased and leaves it.
        await db.WebhookEvents
            .Where(e => eventIds.Contains(e.Id)
                && (e.Status == WebhookEventStatus.Received || (e.Status == WebhookEventStatus.RetryScheduled && e.NextAttemptAt <= now))
                && (EF.Property<DateTime?>(e, LeasedUntil) == null || EF.Property<DateTime?>(e, LeasedUntil) < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => EF.Property<DateTime?>(e, LeasedUntil), until)
                .SetProperty(e => EF.Property<Guid?>(e, LeaseToken), token), cancellationToken);
        var claimed = await db.WebhookEvents.AsNoTracking()
            .Where(e => eventIds.Contains(e.Id) && EF.Property<Guid?>(e, LeaseToken) == token)
            .Select(e => e.Id).ToListAsync(cancellationToken);
        return new Lease(claimed, token);
    }

    /// <summary>PostgreSQL: the claim and the answer which rows it got in one round trip (<c>UPDATE ... RETURNING</c>).</summary>
    private static async Task<List<int>> ClaimReturningAsync(AppDbContext db, IReadOnlyList<int> eventIds, DateTime now, DateTime until, Guid token,
        CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"""
                UPDATE "WebhookEvents" SET "{LeasedUntil}" = $1, "{LeaseToken}" = $2
                WHERE "Id" = ANY($3) AND ("Status" = 'Received' OR ("Status" = 'RetryScheduled' AND "NextAttemptAt" <= $4))
                    AND ("{LeasedUntil}" IS NULL OR "{LeasedUntil}" < $4)
                RETURNING "Id";
                """;
            foreach (var value in new object[] { until, token, eventIds.ToArray(), now })
            {
                command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
            }

            var claimed = new List<int>(eventIds.Count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(reader.GetInt32(0));
            }

            return claimed;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Ends a lease early, so a retry scheduled by this batch is not held back until the lease expires.</summary>
    public async Task ReleaseAsync(AppDbContext db, Lease lease, CancellationToken cancellationToken)
    {
        if (lease.Token is not { } token || lease.EventIds.Count == 0)
        {
            return;
        }

        var ids = lease.EventIds;
        await db.WebhookEvents
            .Where(e => ids.Contains(e.Id) && EF.Property<Guid?>(e, LeaseToken) == token)
            .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<DateTime?>(e, LeasedUntil), (DateTime?)null), cancellationToken);
    }

    /// <summary>Claimed events; no token where claiming is not needed (SQLite).</summary>
    public sealed record Lease(IReadOnlyList<int> EventIds, Guid? Token);
}
