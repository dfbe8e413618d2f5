using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.Outbound;

/// <summary>
/// Claims due operations for this instance. A claim is one UPDATE that sets the operation running with a lease (an
/// expiry and a token): of two instances claiming the same row, the database lets one update it; the other finds it
/// leased. An instance that dies leaves running operations whose lease runs out, and any instance takes them over.
/// </summary>
public sealed class OutboundLeases(InstanceSharing sharing, Microsoft.Extensions.Options.IOptions<OutboundOptions> options, TimeProvider clock)
{
    /// <summary>Shadow columns of <see cref="OutboundOperation"/>: the lease is the database's business, not the domain's.</summary>
    public const string LeasedUntil = "LeasedUntil";
    public const string LeaseToken = "LeaseToken";

    /// <summary>
    /// Operations that may run now, oldest first: pending and due, or running under a lease that ran out; and for a
    /// lead, only its first one not succeeded or cancelled (so they run one at a time, in the order they were made: a
    /// failed or conflicting one holds the lead's later ones until an admin retries or cancels it).
    /// </summary>
    public static IQueryable<OutboundOperation> Claimable(AppDbContext db, DateTime now) =>
        db.Set<OutboundOperation>()
            .Where(o => ((o.Status == OutboundStatus.Pending && o.NextAttemptAt <= now) || o.Status == OutboundStatus.Running)
                && (EF.Property<DateTime?>(o, LeasedUntil) == null || EF.Property<DateTime?>(o, LeasedUntil) < now))
            .Where(o => o.LeadId == null || !db.Set<OutboundOperation>().Any(p => p.LeadId == o.LeadId && p.Id < o.Id
                && p.Status != OutboundStatus.Succeeded && p.Status != OutboundStatus.Cancelled));

    public async Task<IReadOnlyList<int>> ClaimAsync(AppDbContext db, int batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Alerts first: an operator should hear that an integration fails before its backlog of leads is through.
        var candidates = await Claimable(db, now).AsNoTracking()
            .OrderBy(o => o.Kind == OutboundKind.Alert ? 0 : 1).ThenBy(o => o.Id)
            .Select(o => o.Id).Take(batch).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return candidates;
        }

        // Long enough for a try (cut off at two thirds of it), short enough that a dead instance's work resumes soon.
        DateTime? until = now + options.Value.Lease;
        Guid? token = Guid.NewGuid();
        using (await WriteTurnAsync(cancellationToken))
        {
            await Claimable(db, now).Where(o => candidates.Contains(o.Id))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.Status, OutboundStatus.Running)
                    .SetProperty(o => EF.Property<DateTime?>(o, LeasedUntil), until)
                    .SetProperty(o => EF.Property<Guid?>(o, LeaseToken), token), cancellationToken);
        }

        return await db.Set<OutboundOperation>().AsNoTracking()
            .Where(o => candidates.Contains(o.Id) && EF.Property<Guid?>(o, LeaseToken) == token)
            .OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// An embedded SQLite database has one instance by construction: running operations found at start-up were cut off
    /// by the previous process's end and need not wait for their leases.
    /// </summary>
    public async Task ReleaseOrphansAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (sharing.Shared)
        {
            return;
        }

        using (await WriteTurnAsync(cancellationToken))
        {
            await db.Set<OutboundOperation>().Where(o => o.Status == OutboundStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(o => EF.Property<DateTime?>(o, LeasedUntil), (DateTime?)null), cancellationToken);
        }
    }

    /// <summary>Operations waiting for an integration that is active again (or gone: they then end as cancelled) run now.</summary>
    public async Task<int> ResumeWaitingAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ready = db.Set<OutboundOperation>().Where(o => o.Status == OutboundStatus.Waiting
            && !db.Integrations.Any(i => i.Id == o.IntegrationId && i.Status != Domain.Integrations.IntegrationStatus.Active));
        if (!await ready.AnyAsync(cancellationToken))
        {
            return 0;
        }

        using (await WriteTurnAsync(cancellationToken))
        {
            return await ready.ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, OutboundStatus.Pending)
                .SetProperty(o => o.NextAttemptAt, now), cancellationToken);
        }
    }

    // Bulk updates bypass SaveChanges, so on SQLite they take the write gate's turn themselves.
    private async ValueTask<IDisposable?> WriteTurnAsync(CancellationToken cancellationToken) =>
        sharing.Shared ? null : (IDisposable)await SqliteWriteGate.EnterAsync(cancellationToken);
}
