using IntegrationHub.Domain.Common;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Domain.Integrations;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

public sealed record ListSyncRunsQuery(int IntegrationId) : IQuery<IReadOnlyList<SyncRunDto>>;

public sealed record SyncRunDto(int Id, int IntegrationId, string Status, string Trigger, DateTime QueuedAt, DateTime? StartedAt,
    DateTime? FinishedAt, int Pages, int Created, int Updated, int Unchanged, int Failed, string? Error);

public sealed class ListSyncRunsHandler(IAppDbContext db, IIntegrations integrations) : IQueryHandler<ListSyncRunsQuery, IReadOnlyList<SyncRunDto>>
{
    public async ValueTask<IReadOnlyList<SyncRunDto>> Handle(ListSyncRunsQuery query, CancellationToken cancellationToken)
    {
        if (!await integrations.ExistsAsync(query.IntegrationId, cancellationToken))
        {
            throw new NotFoundException("Integration", query.IntegrationId);
        }

        var runs = await db.SyncRuns.AsNoTracking().Where(r => r.IntegrationId == query.IntegrationId)
            .OrderByDescending(r => r.Id).Take(100).ToListAsync(cancellationToken);
        return runs.Select(r => new SyncRunDto(r.Id, r.IntegrationId, r.Status.ToApiName(), r.Trigger, r.QueuedAt,
            r.StartedAt, r.FinishedAt, r.Pages, r.Created, r.Updated, r.Unchanged, r.Failed, r.Error)).ToList();
    }
}
