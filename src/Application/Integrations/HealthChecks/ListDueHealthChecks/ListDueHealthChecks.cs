using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Integrations;

/// <summary>The integrations a health sweep checks now, in the order to check them.</summary>
public sealed record ListDueHealthChecksQuery : IQuery<List<int>>;

/// <summary>
/// Active integrations are due every interval, failing ones at their backoff time (both kept in <c>NextCheckAt</c> by
/// the check itself), longest-waiting first. Only templates with a connection check; pending and disconnected
/// integrations are never swept.
/// </summary>
public sealed class ListDueHealthChecksHandler(IAppDbContext db, TimeProvider clock) : IQueryHandler<ListDueHealthChecksQuery, List<int>>
{
    public async ValueTask<List<int>> Handle(ListDueHealthChecksQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Integrations.AsNoTracking().OfKind(db, IntegrationKind.GoHighLevel)
            .Where(i => (i.Status == IntegrationStatus.Active || i.Status == IntegrationStatus.Error)
                && (i.NextCheckAt == null || i.NextCheckAt <= now))
            .OrderBy(i => i.NextCheckAt).Select(i => i.Id).ToListAsync(cancellationToken);
    }
}
