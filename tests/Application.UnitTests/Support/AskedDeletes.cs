using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.UnitTests.Support;

/// <summary>
/// A stand-in for <see cref="IBatchedDeletes"/> for the retention purges: it records the ids a handler asks to delete and
/// the ids of the rows its row selector picks for them, deletes nothing, and answers with how many rows were picked.
/// </summary>
public sealed class AskedDeletes : IBatchedDeletes
{
    /// <summary>The ids the handler's <c>expired</c> query gives.</summary>
    public List<int> Asked { get; } = [];

    /// <summary>The ids of the rows the handler's row selector picks for <see cref="Asked"/>.</summary>
    public List<int> Selected { get; } = [];

    public async Task<int> DeleteAsync<T>(IQueryable<int> expired, Func<List<int>, IQueryable<T>> rows, CancellationToken cancellationToken)
    {
        var asked = await expired.ToListAsync(cancellationToken);
        var selected = (await rows(asked).ToListAsync(cancellationToken)).Cast<Entity>().Select(e => e.Id).ToList();
        Asked.AddRange(asked);
        Selected.AddRange(selected);
        return selected.Count;
    }
}
