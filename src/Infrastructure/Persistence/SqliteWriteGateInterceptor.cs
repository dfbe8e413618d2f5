using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>
/// Every EF save on SQLite takes its turn at <see cref="SqliteWriteGate"/> and gives it back as soon as the write is
/// done: registered before <see cref="DomainEventsInterceptor"/>, so event handlers run after the turn ended.
/// One per context (scoped).
/// </summary>
public sealed class SqliteWriteGateInterceptor : SaveChangesInterceptor
{
    private SqliteWriteGate.Turn? _turn;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        _turn = await SqliteWriteGate.EnterAsync(cancellationToken);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EndTurn();
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTurn();
        return Task.CompletedTask;
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTurn();
        return Task.CompletedTask;
    }

    private void EndTurn()
    {
        _turn?.Dispose();
        _turn = null;
    }
}
