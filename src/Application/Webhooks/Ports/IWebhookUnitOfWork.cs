using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

/// <summary>
/// What the webhook processor needs of its unit of work beyond the tables and the save: it reads a batch of events
/// untracked and tracks a chunk at a time, so each save scans only its own chunk; and it knows how many events a
/// commit should hold. The store decides that (it knows what a commit holds up); the processor only asks.
/// </summary>
public interface IWebhookUnitOfWork
{
    /// <summary>Tracks entities that were read without tracking (as unchanged, with their loaded children).</summary>
    void Track(IEnumerable<object> entities);

    /// <summary>Stops tracking entities the unit of work is done with (saved), so later saves do not scan them again.</summary>
    void Untrack(IEnumerable<object> entities);

    /// <summary>Forgets every staged change (after a failed unit of work, before recording the failure).</summary>
    void Discard();

    /// <summary>Events to commit together: fewer while webhook senders wait for their own commit, more otherwise.</summary>
    int EventsPerCommit(bool sendersWaiting);

    /// <summary>Whether this store can write a batch's rows itself (row mode, the leads module's <c>IProcessingRows</c>): SQLite and PostgreSQL, unless switched off.</summary>
    bool RowsAvailable { get; }

    /// <summary>Starts or ends row mode for the current batch.</summary>
    void UseRows(bool on);

    /// <summary>Commits a chunk: its events' outcomes and attempts with everything staged for them, in one transaction.</summary>
    Task CommitAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken);
}
