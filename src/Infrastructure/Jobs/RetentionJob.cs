using System.ComponentModel;
using IntegrationHub.Application.Audit;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Infrastructure.Options;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Jobs;

/// <summary>
/// Recurring: each module purges its own rows older than <c>IntegrationHub:Retention:Days</c> (webhook events, sync
/// runs, alerts; what may go is each purge's rule), one after the other.
/// </summary>
public sealed class RetentionJob(IMediator mediator, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "retention-purge";

    [DisplayName("Retention purge")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(options.Value.Days);
        var events = await mediator.Send(new PurgeWebhookEventsCommand(cutoff), cancellationToken);
        var runs = await mediator.Send(new PurgeSyncRunsCommand(cutoff), cancellationToken);
        var alerts = await mediator.Send(new PurgeAlertsCommand(cutoff), cancellationToken);
        var auditCutoff = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(options.Value.AuditDays);
        var audit = await mediator.Send(new PurgeAuditEntriesCommand(auditCutoff), cancellationToken);
        logger.LogInformation("Retention purge: {Events} webhook events, {Runs} sync runs, {Alerts} alerts older than {Cutoff:u}; {Audit} audit rows older than {AuditCutoff:u}",
            events, runs, alerts, cutoff, audit, auditCutoff);
    }
}
