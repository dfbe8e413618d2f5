using System.Text.Json.Nodes;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// The app the GoHighLevel connector tests share (quick retries, a public webhook base URL) against the fake GoHighLevel,
/// a tenant connected to it, and a contact sync run waited for until it ends.
/// </summary>
public abstract class GoHighLevelConnectorFixture : GoHighLevelFixture
{
    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        ["IntegrationHub:GoHighLevel:BaseDelay"] = "00:00:00.020",
        ["IntegrationHub:GoHighLevel:MaxDelay"] = "00:00:01",
        // The fixture's first call (cold server and code, on a busy machine) can take over a second; a timeout here would
        // turn a test about GoHighLevel's answer into one about a retry. Stalls are tested with an app of their own.
        ["IntegrationHub:GoHighLevel:AttemptTimeout"] = "00:00:05",
        ["IntegrationHub:GoHighLevel:MaxAttempts"] = "3",
        ["IntegrationHub:Webhooks:PublicBaseUrl"] = "https://hub.example.com/",
    };

    protected async Task<(Tenant Tenant, int IntegrationId)> Connected(string apiKey = FakeGoHighLevel.ValidToken, int syncInterval = 0)
    {
        var tenant = await App.CreateTenant("GHL " + Guid.NewGuid().ToString("N")[..6]);
        return (tenant, await ConnectGoHighLevel(tenant, apiKey, syncIntervalMinutes: syncInterval, calendarId: "cal-1"));
    }

    protected async Task<JsonNode> FinishedRun(int integrationId, int runId) =>
        await Poll.Eventually(async () =>
        {
            var runs = (await Admin.GetJson($"/api/admin/integrations/{integrationId}/sync-runs")).AsArray();
            var run = runs.Single(r => r!.Id() == runId)!;
            return run.Str("status") is "succeeded" or "failed" ? run : null;
        }, $"sync run {runId}");
}
