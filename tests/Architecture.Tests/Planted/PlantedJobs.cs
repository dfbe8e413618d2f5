using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Integrations;
using Microsoft.EntityFrameworkCore;

// Outside the Planted namespace on purpose: the module-rule check scans Planted.* as Application modules.
namespace IntegrationHub.Architecture.Tests.PlantedJobs;

// Planted violations for FolderTests: jobs that hold a module's rules instead of sending its command.
// Nothing runs them.

internal sealed class RuleHoldingJob(IAppDbContext db)
{
    public Task<int> DueAsync(CancellationToken cancellationToken) => db.SyncRuns.CountAsync(cancellationToken);
}

internal sealed class DomainReadingJob
{
    public static bool Due(SyncRunStatus status) => status == SyncRunStatus.Queued;
}

internal sealed class AdapterJob(Func<CancellationToken, Task> send)
{
    public Task RunAsync(CancellationToken cancellationToken) => send(cancellationToken);
}
