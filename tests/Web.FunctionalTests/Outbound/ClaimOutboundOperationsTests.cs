using System.Net;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Outbound;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Outbound;

/// <summary>The dispatcher's claim: a lead's operations run one at a time, in order; a failed one holds the later ones until an admin acts.</summary>
[TestFixture]
public sealed class ClaimOutboundOperationsTests : OutboundDeliveryFixture
{
    [Test]
    public async Task Operations_of_one_lead_run_one_at_a_time_in_the_order_they_were_made()
    {
        // The claim query itself, on the app's real database: only a lead's first unfinished operation may run.
        var tenant = await App.CreateTenant("Order " + Guid.NewGuid().ToString("N")[..6]);
        var pending = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "Never tested",
            config = new { apiKey = FakeGoHighLevel.ValidToken, locationId = FakeGoHighLevel.NewLocationId(), baseUrl = Ghl.Url },
        })).Json(HttpStatusCode.Created);
        var leadId = await NewLead(tenant, Email());
        var first = await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Waiting);

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var later = OutboundOperation.Create(OutboundKind.MessageSend, pending.Id(), leadId, canRunNow: true, DateTime.UtcNow);
        db.OutboundOperations.Add(later);
        await db.SaveChangesAsync();
        var claimable = await OutboundLeases.Claimable(db, DateTime.UtcNow.AddSeconds(1)).Select(o => o.Id).ToListAsync();
        claimable.Should().NotContain(later.Id, "the lead's earlier operation is still waiting");
        (await App.OperationsForLeadAsync(leadId)).Single(o => o.Id == later.Id).Status.Should().Be(OutboundStatus.Pending);

        // Once the earlier one is finished, the later one runs (a message.send without its message: it ends, cancelled).
        (await Admin.DeleteAsync($"/api/admin/outbound/{first.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var ran = await Poll.Eventually(async () => (await App.OperationsForLeadAsync(leadId))
            .SingleOrDefault(o => o.Id == later.Id && o.Status == OutboundStatus.Cancelled), "the later operation to run");
        ran.LastError.Should().Contain("message no longer exists");
    }

    [Test]
    public async Task A_failed_operation_holds_its_leads_later_ones_until_an_admin_retries_or_cancels_it()
    {
        var (tenant, integrationId) = await Active();
        Ghl.Fail(FaultKind.Unprocessable, pathPrefix: "/contacts/upsert");
        var leadId = await NewLead(tenant, Email());
        var failed = await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Failed);

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var later = OutboundOperation.Create(OutboundKind.MessageSend, integrationId, leadId, canRunNow: true, DateTime.UtcNow);
        db.OutboundOperations.Add(later);
        await db.SaveChangesAsync();
        (await OutboundLeases.Claimable(db, DateTime.UtcNow.AddSeconds(1)).Select(o => o.Id).ToListAsync())
            .Should().NotContain(later.Id, "an update must not run before the create it follows, failed or not");

        (await Admin.DeleteAsync($"/api/admin/outbound/{failed.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Poll.Eventually(async () => (await App.OperationsForLeadAsync(leadId))
            .SingleOrDefault(o => o.Id == later.Id && o.Status == OutboundStatus.Cancelled), "the later operation to run once the first is cancelled");
    }
}
