using Hangfire.Dashboard;

namespace IntegrationHub.Web.Auth;

/// <summary>
/// The Hangfire dashboard is for admins: a bearer token, the admin console's cookie, or in a browser without
/// the console the Basic login prompt with any user name and the admin token as password.
/// </summary>
/// <remarks>The request's user is already set: bearer and Basic by the default scheme, the cookie by the console's sessions middleware.</remarks>
internal sealed class HangfireDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.HasClaim(Principals.RoleClaim, Principals.AdminRole))
        {
            return Task.FromResult(true);
        }

        http.Response.Headers.WWWAuthenticate = "Basic realm=\"IntegrationHub jobs\", charset=\"UTF-8\"";
        return Task.FromResult(false);
    }
}
