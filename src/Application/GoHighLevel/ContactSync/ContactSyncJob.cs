using System.ComponentModel;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Integrations;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// Pages through a location's contacts (search, 100 a page, cursor by <c>searchAfter</c>) and upserts them as
/// leads. A Hangfire job: manual runs are queued by the route, scheduled ones by the integration's interval.
/// </summary>
public sealed class ContactSyncJob(
    IAppDbContext db, IIntegrations integrations, GhlConnections connections, IGoHighLevelGateway gateway, LeadUpserter leads,
    IUniqueViolations uniqueViolations, IntegrationMetrics metrics, TimeProvider clock, ILogger<ContactSyncJob> logger)
{
    public const int PageSize = 100;

    /// <summary>A safety stop against a cursor that never ends (500,000 contacts).</summary>
    public const int MaxPages = 5_000;

    /// <summary>Queues a run unless one is already queued or running; null in that case.</summary>
    /// <param name="uniqueViolations">Recognises the database keeping one active run; without it (a caller that has
    /// none) any refused save is checked for a run queued meanwhile.</param>
    public static async Task<SyncRun?> QueueAsync(IAppDbContext db, int integrationId, string trigger, TimeProvider clock,
        CancellationToken cancellationToken, IUniqueViolations? uniqueViolations = null)
    {
        if (await db.SyncRuns.WithSpecification(new ActiveSyncRunSpec(integrationId)).AnyAsync(cancellationToken))
        {
            return null;
        }

        var run = SyncRun.Queue(integrationId, trigger, clock.GetUtcNow().UtcDateTime);
        db.SyncRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (uniqueViolations?.IsUniqueViolation(ex) ?? ex is not OperationCanceledException)
        {
            // Another instance (or request) may have queued one between the check and the save: the database keeps one.
            db.SyncRuns.Remove(run); // never saved: it stops being staged
            if (await db.SyncRuns.WithSpecification(new ActiveSyncRunSpec(integrationId)).AnyAsync(cancellationToken))
            {
                return null;
            }

            throw;
        }

        return run;
    }

    /// <summary>The scheduled entry point: queue and run at once, skipping if a run is already going.</summary>
    [DisplayName("Scheduled contact sync: integration #{0}")]
    public async Task RunScheduledAsync(int integrationId, CancellationToken cancellationToken)
    {
        var run = await QueueAsync(db, integrationId, "scheduled", clock, cancellationToken, uniqueViolations);
        if (run is not null)
        {
            await RunAsync(run.Id, cancellationToken);
        }
    }

    [DisplayName("Contact sync: run #{0}")]
    public async Task RunAsync(int syncRunId, CancellationToken cancellationToken)
    {
        var run = await db.SyncRuns.SingleOrDefaultAsync(r => r.Id == syncRunId, cancellationToken);
        if (run?.Status == SyncRunStatus.Running)
        {
            // Hangfire runs a job again only when the worker that had it died: this run was cut off. It ends failed
            // rather than staying "running" forever (which would also block every later sync of the integration).
            run.Fail(SyncRun.InterruptedError, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            metrics.SyncRunFinished("interrupted");
            logger.LogWarning("Contact sync run {SyncRunId} was cut off by a stop; it is marked failed.", syncRunId);
            return;
        }

        if (run is null || run.Status != SyncRunStatus.Queued)
        {
            return; // Already handled (a retried or duplicated job): nothing to do.
        }

        run.Start(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);

        var integration = await integrations.FindAsync(run.IntegrationId, cancellationToken);
        if (integration is null)
        {
            run.Fail("The integration was deleted.", clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            metrics.SyncRunFinished("failed");
            return;
        }

        try
        {
            await SyncPagesAsync(run, integration, cancellationToken);
            run.Succeed(clock.GetUtcNow().UtcDateTime);
            if (integration.Status != IntegrationStatus.Disconnected)
            {
                integration.RecordSuccess(clock.GetUtcNow().UtcDateTime);
            }
        }
        catch (Exception ex) when (ex is GhlApiException or SecretDecryptionException)
        {
            logger.LogWarning("Contact sync {SyncRunId} of integration {IntegrationId} failed: {Error}", run.Id, integration.Id, ex.Message);
            run.Fail(ex.Message, clock.GetUtcNow().UtcDateTime);
            integration.RecordFailure(ex.Message, clock.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(cancellationToken);
        metrics.SyncRunFinished(run.Status == SyncRunStatus.Succeeded ? "succeeded" : "failed");
    }

    private async Task SyncPagesAsync(SyncRun run, Integration integration, CancellationToken cancellationToken)
    {
        var connection = connections.Connect(integration);
        var policy = GhlConfig.Read(integration.ConfigJson).ConflictPolicy;
        IReadOnlyList<System.Text.Json.JsonElement>? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var response = await gateway.SearchContacts(connection,
                new GhlSearchContactsRequest { PageLimit = PageSize, SearchAfter = cursor }, cancellationToken);
            var contacts = response.Contacts ?? [];
            int created = 0, updated = 0, unchanged = 0, failed = 0;
            foreach (var contact in contacts)
            {
                if (string.IsNullOrWhiteSpace(contact.Id))
                {
                    failed++;
                    continue;
                }

                try
                {
                    var (_, outcome) = await leads.UpsertAsync(integration.SubAccountId, contact.Id, ContactMapping.ToDetails(contact),
                        null, contact.DateUpdated?.UtcDateTime ?? contact.DateAdded?.UtcDateTime, cancellationToken, policy);
                    _ = outcome switch
                    {
                        UpsertOutcome.Created => created++,
                        UpsertOutcome.Updated => updated++,
                        _ => unchanged++,
                    };
                }
                catch (LeadAssignmentException)
                {
                    failed++;
                }
            }

            run.RecordPage(created, updated, unchanged, failed);
            await db.SaveChangesAsync(cancellationToken);
            metrics.ContactsSynced(created, updated, unchanged, failed);

            var next = contacts.Count > 0 ? contacts[^1].SearchAfter : null;
            if (contacts.Count < PageSize || next is not { Count: > 0 })
            {
                return;
            }

            cursor = next;
        }
    }
}
