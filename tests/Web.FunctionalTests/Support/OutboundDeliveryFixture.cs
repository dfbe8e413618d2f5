using System.Net;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// The app for outbound delivery rules against a fake GoHighLevel told to refuse (one attempt per try), an active tenant,
/// its leads.
/// </summary>
public abstract class OutboundDeliveryFixture : GoHighLevelFixture
{
    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        // One attempt per try: each refusal the fake is told to give reaches the operation as it is.
        ["IntegrationHub:GoHighLevel:MaxAttempts"] = "1",
        ["IntegrationHub:GoHighLevel:AttemptTimeout"] = "00:00:05",
    };

    protected async Task<(Tenant Tenant, int IntegrationId)> Active()
    {
        var tenant = await App.CreateTenant("Out " + Guid.NewGuid().ToString("N")[..6]);
        var integrationId = await ConnectGoHighLevel(tenant);
        await Activate(integrationId);
        return (tenant, integrationId);
    }

    protected static async Task<int> NewLead(Tenant tenant, string email) =>
        (await (await tenant.Client.PostJson("/api/leads", new { name = "Out Bound", email })).Json(HttpStatusCode.Created)).Id();

    protected static string Email() => $"out.{Guid.NewGuid():N}@hub.test";
}
