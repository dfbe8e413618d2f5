using System.Net;
using System.Text.Json.Nodes;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// <c>/api/admin/outbound</c> against the real app and the fake GoHighLevel (quick retries): a tenant with a GoHighLevel
/// integration, active or still pending, its leads, and the admin list of operations.
/// </summary>
public abstract class OutboundAdminFixture : GoHighLevelFixture
{
    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        ["IntegrationHub:GoHighLevel:BaseDelay"] = "00:00:00.020",
        ["IntegrationHub:GoHighLevel:MaxDelay"] = "00:00:01",
        ["IntegrationHub:GoHighLevel:AttemptTimeout"] = "00:00:05",
        ["IntegrationHub:GoHighLevel:MaxAttempts"] = "3",
    };

    /// <summary>A tenant with a GoHighLevel integration, still pending (its leads' operations wait) unless <paramref name="active"/>.</summary>
    protected async Task<(Tenant Tenant, int IntegrationId)> TenantWithGoHighLevel(bool active)
    {
        var tenant = await App.CreateTenant("Outbound " + Guid.NewGuid().ToString("N")[..6]);
        var integrationId = await ConnectGoHighLevel(tenant, syncIntervalMinutes: 0);
        if (active)
        {
            await Activate(integrationId);
        }

        return (tenant, integrationId);
    }

    protected static async Task<(int LeadId, string Email)> NewLead(Tenant tenant)
    {
        var email = $"outbound.{Guid.NewGuid():N}@hub.test";
        var lead = await (await tenant.Client.PostJson("/api/leads", new { name = "Out Bound", email })).Json(HttpStatusCode.Created);
        return (lead.Id(), email);
    }

    protected async Task<JsonArray> List(string query) => (await Admin.GetJson("/api/admin/outbound" + query)).AsArray();
}
