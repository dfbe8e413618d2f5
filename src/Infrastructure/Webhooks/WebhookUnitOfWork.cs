using IntegrationHub.Application.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>The webhook processor's unit of work over EF Core's change tracker.</summary>
public sealed class WebhookUnitOfWork(AppDbContext db) : IWebhookUnitOfWork
{
    // A commit holds SQLite's single write lock, and webhooks waiting to be accepted queue behind it, so while any wait
    // the commits are short; otherwise larger ones cost far less per event (a save has a large fixed cost: a
    // transaction, the change scan, the command's SQL built and prepared).
    private const int CommitEveryWhileSendersWait = 8;
    private const int CommitEvery = 64;

    public void Track(IEnumerable<object> entities) => db.AttachRange(entities);

    public void Untrack(IEnumerable<object> entities)
    {
        foreach (var entity in entities)
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public void Discard() => db.ChangeTracker.Clear();

    public int EventsPerCommit(bool sendersWaiting) => sendersWaiting ? CommitEveryWhileSendersWait : CommitEvery;
}
