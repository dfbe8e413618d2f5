using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// The integration tests' app with two tenants, a GoHighLevel integration created through the admin API (secrets in its
/// config), and the config as stored, decrypted.
/// </summary>
public abstract class IntegrationFixture : HubFixture
{
    protected const string ApiKey = "pit-7f3c1e9a-super-secret-token";
    protected Tenant TenantA { get; private set; } = null!;
    protected Tenant TenantB { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task CreateTenants()
    {
        TenantA = await App.CreateTenant("Integrations A");
        TenantB = await App.CreateTenant("Integrations B");
    }

    protected async Task<JsonNode> CreateGhl(Tenant tenant, string apiKey = ApiKey, string? locationId = null, string name = "GHL")
    {
        locationId ??= "loc-" + Guid.NewGuid().ToString("N")[..10];
        var response = await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId,
            integrationTemplateId = GoHighLevelTemplateId,
            name,
            description = "Main location",
            config = new { apiKey, locationId, clientSecret = "oauth-client-secret-xyz" },
        });
        return await response.Json(HttpStatusCode.Created);
    }

    protected JsonObject StoredPlainConfig(int integrationId)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var integration = db.Integrations.AsNoTracking().Single(i => i.Id == integrationId);
        return scope.ServiceProvider.GetRequiredService<IntegrationConfigEditor>()
            .Decrypt(integration.ConfigJson, integration.SubAccountId, integration.SecretScope);
    }
}
