using System.Net;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>A sub-account with one user (and that user's strategy), created through the admin API.</summary>
public sealed record Tenant(int SubAccountId, int UserId, int StrategyId, string Token, HttpClient Client);

public static class Tenants
{
    public static async Task<Tenant> CreateTenant(this HubApp app, string name, string? timezone = null)
    {
        var admin = app.Admin();
        var subAccount = await (await admin.PostJson("/api/admin/sub-accounts", new { name, timezone })).Json(HttpStatusCode.Created);
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@example.com";
        var user = await (await admin.PostJson($"/api/admin/sub-accounts/{subAccount.Id()}/users", new { email, name = name + " user" }))
            .Json(HttpStatusCode.Created);
        var strategy = await (await admin.PostJson($"/api/admin/users/{user.Id()}/strategies", new { name = "Default" }))
            .Json(HttpStatusCode.Created);
        var token = user.Str("token");
        return new Tenant(subAccount.Id(), user.Id(), strategy.Id(), token, app.WithToken(token));
    }
}
