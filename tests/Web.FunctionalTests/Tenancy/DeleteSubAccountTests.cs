using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Tenancy;

/// <summary>DeleteSubAccount: refused while integrations exist; then deleted with its users and leads.</summary>
[TestFixture]
public sealed class DeleteSubAccountTests : HubFixture
{
    [Test]
    public async Task A_sub_account_is_deleted_with_its_users_and_leads_but_not_while_it_has_integrations()
    {
        var tenant = await App.CreateTenant("Leaving");
        var lead = await (await tenant.Client.PostJson("/api/leads", new { name = "Goes too" })).Json(HttpStatusCode.Created);
        var templateId = (await App.Anonymous().GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templateId, name = "GHL",
            config = new { apiKey = "k", locationId = "loc-" + Guid.NewGuid().ToString("N")[..8] },
        })).Json(HttpStatusCode.Created);

        await (await Admin.DeleteAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}")).ProblemAsync(HttpStatusCode.Conflict);
        (await Admin.DeleteAsync($"/api/admin/integrations/{integration.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Admin.DeleteAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await Admin.GetAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync($"/api/leads/{lead.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        (await tenant.Client.GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "its users went with it");
        await (await Admin.DeleteAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
