using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace IntegrationHub.Web.Auth;

/// <summary>
/// The Hangfire dashboard is for admins: a bearer token, or in a browser the Basic login prompt with any user
/// name and the admin token as password.
/// </summary>
internal sealed class HangfireDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var result = await http.AuthenticateAsync(Principals.Scheme);
        if (result.Succeeded && result.Principal.HasClaim(Principals.RoleClaim, Principals.AdminRole))
        {
            return true;
        }

        http.Response.Headers.WWWAuthenticate = "Basic realm=\"IntegrationHub jobs\", charset=\"UTF-8\"";
        return false;
    }
}
