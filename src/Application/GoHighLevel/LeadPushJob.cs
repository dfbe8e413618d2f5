using System.ComponentModel;
using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>Upserts one lead as a GoHighLevel contact and stores the contact id. Hangfire retries it on failure.</summary>
public sealed class LeadPushJob(IAppDbContext db, GhlConnections connections, IGoHighLevelGateway gateway, TimeProvider clock,
    ILogger<LeadPushJob> logger)
{
    public static IQueryable<Integration> ActiveIntegrationQuery(IAppDbContext db, int subAccountId) =>
        db.Integrations.Where(i => i.SubAccountId == subAccountId && i.Status == IntegrationStatus.Active
            && db.IntegrationTemplates.Any(t => t.Id == i.IntegrationTemplateId && t.Name == DefaultTemplates.GoHighLevel))
            .OrderBy(i => i.Id);

    [DisplayName("Lead push: lead #{0}")]
    public async Task RunAsync(int leadId, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == leadId, cancellationToken);
        if (lead is null || lead.ExternalContactId is not null || lead.DuplicateOfLeadId is not null)
        {
            return; // Deleted, or already pushed (or found a duplicate) by an earlier attempt.
        }

        var integration = await ActiveIntegrationQuery(db, lead.SubAccountId).FirstOrDefaultAsync(cancellationToken);
        if (integration is null)
        {
            logger.LogInformation("Lead {LeadId} not pushed: its sub-account has no active GoHighLevel integration any more", leadId);
            return;
        }

        try
        {
            var result = await gateway.UpsertContact(connections.Connect(integration), ContactMapping.ToRequest(lead), cancellationToken);
            var contactId = result.Contact!.Id;
            var now = clock.GetUtcNow().UtcDateTime;

            // GoHighLevel's upsert dedupes by email and phone, so the contact may already stand for another lead (pushed
            // earlier, or created by its ContactCreate echo). The contact id is unique per sub-account: this lead points
            // at that one and the job is done; retrying could never succeed.
            var original = await db.Leads.Where(l => l.SubAccountId == lead.SubAccountId && l.ExternalContactId == contactId && l.Id != lead.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (original is not null)
            {
                lead.MarkDuplicateOf(original, now);
                logger.LogInformation("Lead {LeadId} is GoHighLevel contact of lead {OriginalLeadId}: marked as its duplicate", lead.Id, original.Id);
            }
            else
            {
                lead.LinkExternalContact(contactId, now);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (GhlApiException ex) when (ex.Kind == GhlFailureKind.Unauthorized)
        {
            // Bad credentials will not heal by retrying; the integration shows the problem to an admin.
            integration.RecordFailure(ex.Message, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            throw;
        }
    }
}
