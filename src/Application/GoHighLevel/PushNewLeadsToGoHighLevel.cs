using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>A lead created in the hub goes out to the sub-account's active GoHighLevel integration, in the background.</summary>
public sealed class PushNewLeadsToGoHighLevel(IAppDbContext db, IBackgroundJobs jobs) : INotificationHandler<LeadCreated>
{
    public async ValueTask Handle(LeadCreated notification, CancellationToken cancellationToken)
    {
        var lead = notification.Lead;
        if (lead.ExternalContactId is not null)
        {
            return; // It came from the CRM: sending it back would loop.
        }

        if (await LeadPushJob.ActiveIntegrationQuery(db, lead.SubAccountId).AnyAsync(cancellationToken))
        {
            jobs.EnqueueLeadPush(lead.Id);
        }
    }
}
