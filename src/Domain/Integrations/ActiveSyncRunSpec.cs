using Ardalis.Specification;

namespace IntegrationHub.Domain.Integrations;

/// <summary>An integration's run that is queued or running: there is at most one (one sync per integration at a time).</summary>
public sealed class ActiveSyncRunSpec : Specification<SyncRun>
{
    public ActiveSyncRunSpec(int integrationId) =>
        Query.Where(r => r.IntegrationId == integrationId && (r.Status == SyncRunStatus.Queued || r.Status == SyncRunStatus.Running));
}
