using IntegrationHub.Web.AdminConsole;
using IntegrationHub.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>Who may call a route, as its metadata declares it.</summary>
public enum AccessRule { Public, Admin, TenantUser, SignedIn, ConsolePage, Dashboard, ConsoleHub }

/// <summary>One method of one mapped route, with its access rule (null: none declared) and the body type it reads, if any.</summary>
public sealed record MappedRoute(string Method, string Pattern, AccessRule? Rule, Type? BodyType)
{
    public bool IsApi => Pattern.StartsWith("/api/", StringComparison.Ordinal);

    public bool HasIdParameter => Pattern.Contains(":int}", StringComparison.Ordinal);
}

/// <summary>The app's routes read from its endpoint data source, so tests that walk them cover a new route by themselves.</summary>
public static class RouteTable
{
    public static IReadOnlyList<MappedRoute> Of(HubApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new MappedRoute(method, "/" + e.RoutePattern.RawText!.TrimStart('/'), RuleOf(e),
                    e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType)))
            .Where(r => r.Method != "OPTIONS")
            .Distinct()
            .ToList();

    private static AccessRule? RuleOf(RouteEndpoint endpoint)
    {
        var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        return true switch
        {
            _ when endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null => AccessRule.Public,
            _ when policies.Contains(ConsoleAuthentication.Policy) => AccessRule.ConsolePage,
            _ when policies.Contains(Principals.AdminPolicy) => AccessRule.Admin,
            _ when policies.Contains(Principals.TenantUserPolicy) => AccessRule.TenantUser,
            _ when policies.Count > 0 => AccessRule.SignedIn,
            // Blazor's own plumbing (the redirect helper of enhanced navigation) carries no data.
            _ when pattern.StartsWith("/_framework/", StringComparison.Ordinal) => AccessRule.Public,
            // These two authorize in their own code (Hangfire's filter, the console sessions middleware).
            _ when pattern.StartsWith("/hangfire", StringComparison.Ordinal) => AccessRule.Dashboard,
            _ when pattern.StartsWith("/_blazor", StringComparison.Ordinal) => AccessRule.ConsoleHub,
            _ => null,
        };
    }
}
