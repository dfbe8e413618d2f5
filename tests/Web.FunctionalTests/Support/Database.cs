using IntegrationHub.Domain.Integrations;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>Direct database access for arranging state that has no route of its own yet.</summary>
public static class Database
{
    public static async Task<int> AddIntegration(this HubApp app, int subAccountId, int templateId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var integration = Integration.Create(subAccountId, templateId, Guid.NewGuid().ToString("N"), "Arranged", null, "{}", null, null, DateTime.UtcNow);
        db.Integrations.Add(integration);
        await db.SaveChangesAsync();
        return integration.Id;
    }
}
