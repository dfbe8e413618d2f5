using System.Net;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Infrastructure.Webhooks;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks.RowMode;

/// <summary>
/// A hub with row mode on or off and a tenant with a GoHighLevel integration for <see cref="Location"/>, into which the
/// row-mode tests store events as the inbox stores accepted deliveries (received, routed), without handing them to the
/// dispatcher (its sweeper only takes events older than a minute), and then process them in batches of their choosing.
/// </summary>
public sealed class RowModeHub : IDisposable
{
    public const string Location = "loc-row-mode";

    private RowModeHub(HubApp app, Tenant tenant, int integrationId) => (App, Tenant, IntegrationId) = (app, tenant, integrationId);

    public HubApp App { get; }
    public Tenant Tenant { get; }
    public int IntegrationId { get; }

    public static async Task<RowModeHub> Start(bool rowMode)
    {
        var app = new HubApp(new Dictionary<string, string?> { ["IntegrationHub:Webhooks:RowMode"] = rowMode ? "true" : "false" });
        var tenant = await app.CreateTenant("Row mode", "America/Chicago");
        var templateId = (await app.Anonymous().GetJson("/api/integration-templates", HttpStatusCode.OK)).AsArray()
            .Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integrationId = (await (await app.Admin().PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templateId, name = "GHL", config = new { apiKey = "pit-x", locationId = Location },
        })).Json(HttpStatusCode.Created)).Id();
        return new RowModeHub(app, tenant, integrationId);
    }

    /// <summary>Stores the events and processes them, in their order, in batches of <paramref name="batchSize"/>.</summary>
    public async Task Process(IEnumerable<StreamEvent> events, int batchSize = 64)
    {
        var receivedAt = DateTime.UtcNow;
        var stored = events.Select(e => WebhookEvent.Receive(e.DeliveryId, "gohighlevel", e.Type, Location, IntegrationId, Tenant.SubAccountId, "hmac",
            e.Body, receivedAt)).ToList();
        await Write(db =>
        {
            db.WebhookEvents.AddRange(stored);
            return Task.CompletedTask;
        });

        var leases = App.Services.GetRequiredService<WebhookEventLeases>();
        foreach (var batch in stored.Select(e => e.Id).Chunk(batchSize))
        {
            using var scope = App.Services.CreateScope();
            await WebhookDispatcher.ProcessClaimedAsync(scope.ServiceProvider, leases, batch, CancellationToken.None);
        }
    }

    public async Task<T> Read<T>(Func<AppDbContext, Task<T>> query)
    {
        using var scope = App.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Changes made through the app's own context (its interceptors plan what a save plans).</summary>
    public async Task Write(Func<AppDbContext, Task> change)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await change(db);
        await db.SaveChangesAsync();
    }

    public int LogLinesContaining(string text) => App.Logs.Lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    public void Dispose() => App.Dispose();
}
