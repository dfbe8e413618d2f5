using IntegrationHub.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>SQLite's <c>secure_delete</c> and a truncating checkpoint; nothing on a server database.</summary>
public sealed class StorageScrubbing(AppDbContext db) : IStorageScrubbing
{
    private static readonly IAsyncDisposable Nothing = new Scrubbing(null);

    public async Task<IAsyncDisposable> ScrubDeletesAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return Nothing;
        }

        // The pragma belongs to the connection: it stays open (and the setting with it) until the scope ends, when the
        // pooled connection goes back without it.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON;", cancellationToken);
        return new Scrubbing(db);
    }

    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return true;
        }

        // wal_checkpoint answers one row: busy (0 or 1), frames in the log, frames checkpointed. It has side effects, so
        // it has no table-valued form for EF to query: a plain command.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) == 0;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class Scrubbing(AppDbContext? db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (db is not null)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = OFF;");
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
