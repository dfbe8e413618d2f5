using System.Net;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Outbound;

/// <summary>CancelOutboundOperation: a waiting operation is cancelled and never sent, even once its integration is active.</summary>
[TestFixture]
public sealed class CancelOutboundOperationTests : OutboundAdminFixture
{
    [Test]
    public async Task A_waiting_operation_is_cancelled_and_never_sent_even_once_its_integration_is_active()
    {
        var (tenant, integrationId) = await TenantWithGoHighLevel(active: false);
        var (leadId, email) = await NewLead(tenant);
        var waiting = (await List($"?status=waiting&integrationId={integrationId}")).Should().ContainSingle().Subject!;
        waiting["leadId"]!.GetValue<int>().Should().Be(leadId);

        (await Admin.DeleteAsync($"/api/admin/outbound/{waiting.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var cancelled = await Admin.GetJson($"/api/admin/outbound/{waiting.Id()}");
        cancelled.Str("status").Should().Be("cancelled");
        cancelled.Str("lastError").Should().Be("Cancelled by an admin.");
        cancelled["completedAt"].Should().NotBeNull();
        cancelled["request"].Should().BeNull("it never ran");
        await (await Admin.DeleteAsync($"/api/admin/outbound/{waiting.Id()}")).ProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.PostAsync($"/api/admin/outbound/{waiting.Id()}/retry", null)).ProblemAsync(HttpStatusCode.Conflict);

        // Once the integration is active, a later lead goes out; the cancelled one does not.
        await Activate(integrationId);
        var (later, _) = await NewLead(tenant);
        await App.LeadOperationAsync(later, OutboundKind.ContactCreate, OutboundStatus.Succeeded);
        Ghl.RequestsTo("/contacts/upsert").Should().NotContain(r => r.Body.Contains(email));
        (await Admin.GetJson($"/api/admin/outbound/{waiting.Id()}")).Str("status").Should().Be("cancelled");
    }
}
