using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

public sealed record StartContactSyncCommand(int IntegrationId) : ICommand<StartedSync>;

public sealed record StartedSync(int SyncRunId);

/// <summary>A manual contact sync: queued as a run and handed to Hangfire; one per integration at a time.</summary>
public sealed class StartContactSyncHandler(
    IAppDbContext db, GhlConnections connections, IBackgroundJobs jobs, IUniqueViolations uniqueViolations, TimeProvider clock)
    : ICommandHandler<StartContactSyncCommand, StartedSync>
{
    public async ValueTask<StartedSync> Handle(StartContactSyncCommand command, CancellationToken cancellationToken)
    {
        var (integration, kind) = await connections.LoadAsync(command.IntegrationId, cancellationToken);
        if (kind != IntegrationKind.GoHighLevel)
        {
            throw new ConflictException("Contact sync is only available for GoHighLevel integrations.");
        }

        if (integration.Status == IntegrationStatus.Disconnected)
        {
            throw new ConflictException("The integration is disconnected; reconnect it before syncing.");
        }

        var run = await ContactSyncJob.QueueAsync(db, integration.Id, "manual", clock, cancellationToken, uniqueViolations)
            ?? throw new ConflictException("A contact sync of this integration is already queued or running.");
        jobs.EnqueueContactSync(run.Id);
        return new StartedSync(run.Id);
    }
}
