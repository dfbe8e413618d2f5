using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>
/// Every EF save on SQLite takes its turn at <see cref="SqliteWriteGate"/> for as short a time as EF allows. EF calls
/// interceptors in the order they are registered, at the start of a save and at its end alike, so the turn is two
/// interceptors: <see cref="TakeTurn"/> registered after <see cref="DomainEventsInterceptor"/> (whose scan of the
/// change tracker, the costliest part of a large save, then runs before the turn), and <see cref="EndTurn"/>
/// registered before it (so the domain events' handlers, which may save again, run after the turn ended).
/// One per context (scoped).
/// </summary>
public sealed class SqliteWriteGateInterceptor
{
    private SqliteWriteGate.Turn? _turn;

    public SqliteWriteGateInterceptor()
    {
        TakeTurn = new Taking(this);
        EndTurn = new Ending(this);
    }

    /// <summary>Register last.</summary>
    public SaveChangesInterceptor TakeTurn { get; }

    /// <summary>Register first.</summary>
    public SaveChangesInterceptor EndTurn { get; }

    private void End()
    {
        _turn?.Dispose();
        _turn = null;
    }

    private sealed class Taking(SqliteWriteGateInterceptor gate) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            gate._turn = await SqliteWriteGate.EnterAsync(cancellationToken);
            return result;
        }
    }

    private sealed class Ending(SqliteWriteGateInterceptor gate) : SaveChangesInterceptor
    {
        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            gate.End();
            return ValueTask.FromResult(result);
        }

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.End();
            return Task.CompletedTask;
        }

        // EF reports an optimistic concurrency failure here instead of SaveChangesFailed (after the save's transaction
        // rolled back): without ending the turn, every later write would wait for it.
        public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            gate.End();
            return ValueTask.FromResult(result);
        }

        public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.End();
            return Task.CompletedTask;
        }
    }
}
