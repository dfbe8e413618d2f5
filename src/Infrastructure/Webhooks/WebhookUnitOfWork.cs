using IntegrationHub.Application.Leads;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Infrastructure.Webhooks.Rows;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>
/// The webhook processor's unit of work: EF Core's change tracker, or, in row mode (<see cref="IProcessingRows"/>), the
/// batch's own record of what it read and added, written by <see cref="IProcessingRowWriter"/>. A lead read in row mode
/// is compared at each commit with its columns as read: whatever a domain method changed on it is written, as EF
/// Core's change detection would find it, so no caller has to say what it changed.
/// </summary>
public sealed class WebhookUnitOfWork(AppDbContext db, ProcessingRowWriters writers) : IWebhookUnitOfWork, IProcessingRows
{
    // A commit holds SQLite's single write lock, and webhooks waiting to be accepted queue behind it, so while any wait
    // the commits are short; otherwise larger ones cost far less per event (a save has a large fixed cost: a
    // transaction, the change scan, the command's SQL built and prepared).
    private const int CommitEveryWhileSendersWait = 8;
    private const int CommitEvery = 64;

    // A server database has no single write lock: a commit holds up no sender, and fewer commits mean fewer round trips.
    private const int ServerCommitEvery = 256;

    private readonly Dictionary<Lead, LeadRow> _read = new(ReferenceEqualityComparer.Instance);
    private readonly List<Lead> _newLeads = [];
    private readonly List<LeadMessage> _newMessages = [];

    public bool RowsAvailable => writers.For(db) is not null;

    public bool Active { get; private set; }

    public void UseRows(bool on)
    {
        Active = on;
        ForgetRows();
    }

    public void Track(IEnumerable<object> entities)
    {
        if (!Active)
        {
            db.AttachRange(entities);
        }
    }

    public void Untrack(IEnumerable<object> entities)
    {
        if (Active)
        {
            return;
        }

        foreach (var entity in entities)
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public void Discard()
    {
        db.ChangeTracker.Clear();
        ForgetRows();
    }

    public int EventsPerCommit(bool sendersWaiting) =>
        !db.Database.IsSqlite() ? ServerCommitEvery : sendersWaiting ? CommitEveryWhileSendersWait : CommitEvery;

    public async Task<IReadOnlyList<Lead>> LoadLeadsAsync(IReadOnlyCollection<int> subAccountIds, IReadOnlyCollection<string> contactIds,
        CancellationToken cancellationToken)
    {
        var rows = await db.Leads.AsNoTracking()
            .Where(l => subAccountIds.Contains(l.SubAccountId) && contactIds.Contains(l.ExternalContactId!))
            .Select(l => new { Lead = l, Version = EF.Property<int>(l, RowVersions.Column) })
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            _read[row.Lead] = LeadRow.Of(row.Lead, row.Version);
        }

        return rows.ConvertAll(r => r.Lead);
    }

    public void Added(Lead lead) => _newLeads.Add(lead);

    public void Added(LeadMessage message) => _newMessages.Add(message);

    public async Task CommitAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken)
    {
        if (!Active)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var newLeads = _newLeads.ConvertAll(lead => LeadRow.Of(lead, 0));
        var changed = new List<LeadRow>();
        foreach (var read in _read.Values)
        {
            if (!LeadColumns.Unchanged(read))
            {
                changed.Add(LeadRow.Of(read.Lead, read.Version));
            }
        }

        EnsureNothingToPublish();
        await writers.For(db)!.WriteAsync(new ProcessingRowBatch(events, newLeads, changed, _newMessages), cancellationToken);

        // What is stored now is what the next commit of the batch compares with.
        newLeads.ForEach(row => _read[row.Lead] = row);
        changed.ForEach(row => _read[row.Lead] = row with { Version = row.Version + 1 });
        newLeads.ForEach(row => row.Lead.ClearDomainEvents());
        _newLeads.Clear();
        _newMessages.Clear();
    }

    /// <summary>
    /// Row mode publishes no domain events. A lead from GoHighLevel raises LeadCreated, which plans nothing (it is a
    /// contact there already); anything else (a conflict with the hub's unsent edit) needs the change tracker's path.
    /// </summary>
    private void EnsureNothingToPublish()
    {
        var raised = _newLeads.Concat(_read.Keys).SelectMany(l => l.DomainEvents).Concat(_newMessages.SelectMany(m => m.DomainEvents));
        if (raised.Any(e => e is not LeadCreated { Lead.ExternalContactId: not null }))
        {
            throw new RowModeNotEnoughException("a change raised a domain event");
        }
    }

    private void ForgetRows()
    {
        _read.Clear();
        _newLeads.Clear();
        _newMessages.Clear();
    }
}
