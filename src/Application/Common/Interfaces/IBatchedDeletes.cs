namespace IntegrationHub.Application.Common.Interfaces;

/// <summary>
/// Deletes many rows without holding the write lock long: a small batch of ids per statement, each statement taking
/// its turn at the database as a save does (a bulk delete passes EF's save interceptors by).
/// </summary>
public interface IBatchedDeletes
{
    /// <summary>Deletes, batch by batch, the rows of <paramref name="rows"/> whose ids <paramref name="expired"/> selects; returns how many went.</summary>
    Task<int> DeleteAsync<T>(IQueryable<int> expired, Func<List<int>, IQueryable<T>> rows, CancellationToken cancellationToken);
}
