using IntegrationHub.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>500 rows a statement; on SQLite each statement takes its turn at <see cref="SqliteWriteGate"/> as a save does.</summary>
public sealed class BatchedDeletes(AppDbContext db) : IBatchedDeletes
{
    private const int BatchSize = 500;

    public async Task<int> DeleteAsync<T>(IQueryable<int> expired, Func<List<int>, IQueryable<T>> rows, CancellationToken cancellationToken)
    {
        var purged = 0;
        while (true)
        {
            var batch = await expired.OrderBy(id => id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return purged;
            }

            using (db.Database.IsSqlite() ? await SqliteWriteGate.EnterAsync(cancellationToken) : default(SqliteWriteGate.Turn?))
            {
                purged += await rows(batch).ExecuteDeleteAsync(cancellationToken);
            }
        }
    }
}
