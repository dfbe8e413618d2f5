using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel;

/// <summary>PlanContactCreates: a lead that came from a GoHighLevel contact is not sent back (it would loop).</summary>
[TestFixture]
public sealed class PlanContactCreatesTests : OutboundDeliveryFixture
{
    [Test]
    public async Task A_lead_created_from_a_gohighlevel_contact_stages_nothing()
    {
        // Sent back, it would loop: the hub's lead came from the CRM.
        var (tenant, integrationId) = await Active();
        Ghl.AddContact("From", "Crm", Email(), DateTimeOffset.UtcNow);
        (await Admin.PostAsync($"/api/admin/integrations/{integrationId}/sync", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Poll.Eventually(() => Finished(integrationId), "the sync to finish");
        (await Admin.GetJson($"/api/leads?subAccountId={tenant.SubAccountId}")).ToJsonString().Should().Contain("From");

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.OutboundOperations.CountAsync(o => o.IntegrationId == integrationId)).Should().Be(0);
    }

    private async Task<JsonNode?> Finished(int integrationId) =>
        (await Admin.GetJson($"/api/admin/integrations/{integrationId}/sync-runs")).AsArray()
            .FirstOrDefault(r => r!.Str("status") == "succeeded");
}
