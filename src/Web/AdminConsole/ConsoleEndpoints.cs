using IntegrationHub.Web.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace IntegrationHub.Web.AdminConsole;

/// <summary>The console's plumbing outside its pages: sign-out, and the cookie for the Blazor hub and the Hangfire dashboard.</summary>
public static class ConsoleEndpoints
{
    private static readonly PathString ConsolePath = "/admin";
    private static readonly PathString BlazorHub = "/_blazor";

    /// <summary>
    /// The console's pages, the Blazor hub and the Hangfire dashboard take the console cookie: an admin's cookie becomes
    /// the request's user (the API routes never read it). Only admins may open a console circuit, and a browser asking
    /// for a dashboard page without credentials is sent to the sign-in page.
    /// </summary>
    public static IApplicationBuilder UseAdminConsoleSessions(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ConsolePath) || context.Request.Path.StartsWithSegments(BlazorHub)
                || context.Request.Path.StartsWithSegments(BearerTokenHandler.DashboardPath),
            branch => branch.Use(async (context, next) =>
            {
                var hasAuthorization = !string.IsNullOrEmpty(context.Request.Headers.Authorization);
                if (!hasAuthorization)
                {
                    var cookie = await context.AuthenticateAsync(ConsoleAuthentication.CookieScheme);
                    if (cookie.Succeeded)
                    {
                        context.User = cookie.Principal;
                    }
                }

                var isAdmin = context.User.HasClaim(Principals.RoleClaim, Principals.AdminRole);
                if (!isAdmin && context.Request.Path.StartsWithSegments(BlazorHub))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                if (!isAdmin && !hasAuthorization && context.Request.Path.StartsWithSegments(BearerTokenHandler.DashboardPath)
                    && AsksForHtml(context.Request))
                {
                    var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                    context.Response.Redirect($"{ConsoleAuthentication.SignInPath}?{ConsoleAuthentication.ReturnUrlParameter}={Uri.EscapeDataString(back)}");
                    return;
                }

                await next(context);
            }));

    public static void AddAdminConsole(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<ConsoleMediator>();
        services.AddSingleton<MarkdownRenderer>();
    }

    public static void MapAdminConsole(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous().ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().ExcludeFromDescription();
        // A form post from the console's own pages (antiforgery checked), so another site cannot sign an admin out.
        app.MapPost(ConsoleAuthentication.SignOutPath, async (HttpContext context, IAntiforgery antiforgery) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                        detail: "Sign out from the console's own page.", type: ProblemTypes.For(StatusCodes.Status400BadRequest));
                }

                await ConsoleAuthentication.SignOutAsync(context);
                return Results.Redirect(ConsoleAuthentication.SignedOutPath);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        // The sub-account page's "Connect with GoHighLevel": the API route's redirect, for the admin signed in by cookie, with
        // the state bound to this browser (a cookie), so a copied authorize link cannot attach a location in another one.
        app.MapGet("/admin/sub-accounts/{id:int}/gohighlevel/connect", Endpoints.GoHighLevelOAuthEndpoints.ConsoleConnect)
            .RequireAuthorization(ConsoleAuthentication.Policy)
            .ExcludeFromDescription();
    }

    /// <summary>
    /// A navigation that began on another site (GoHighLevel's authorize page sending the admin back, a link in an alert
    /// email) carries no SameSite=Strict cookie, so a signed-in admin would meet the sign-in page. This page loads the same
    /// address again from the hub's own page, which carries the cookie; without one, that second request meets sign-in.
    /// </summary>
    internal static async Task SameSiteAgainAsync(HttpContext context)
    {
        var here = System.Net.WebUtility.HtmlEncode(context.Request.PathBase + context.Request.Path + context.Request.QueryString);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={here}">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>IntegrationHub</title></head>
            <body><p><a href="{here}">Continue to the IntegrationHub console</a></p></body></html>
            """);
    }

    /// <summary>A page load started on another site; never the one console GET that acts (starting a GoHighLevel connect).</summary>
    internal static bool IsCrossSiteNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.Value!.EndsWith("/gohighlevel/connect", StringComparison.Ordinal)
        && string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase)
        && string.Equals(request.Headers["Sec-Fetch-Mode"], "navigate", StringComparison.OrdinalIgnoreCase);

    private static bool AsksForHtml(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
