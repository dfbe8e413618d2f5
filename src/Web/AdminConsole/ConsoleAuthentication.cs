using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Web.AdminConsole;

/// <summary>
/// How admins stay signed in to the console: the admin token is checked once at sign-in, then an HTTP-only,
/// SameSite=Strict cookie carries the admin's id and a stamp derived from the token's hash. Every request (and
/// every console action) checks the stamp against the database, so rotating or deleting the admin ends its
/// sessions at once. The API routes never accept the cookie: they stay bearer-only.
/// </summary>
public static class ConsoleAuthentication
{
    /// <summary>The cookie itself.</summary>
    public const string CookieScheme = "AdminConsoleCookie";

    /// <summary>Browser pages: a bearer token when one is sent (scripts, tests), the cookie otherwise.</summary>
    public const string Scheme = "AdminConsole";

    public const string Policy = "admin-console";
    public const string CookieName = "ih_admin";
    public const string SignInPath = "/admin/signin";
    public const string SignOutPath = "/admin/signout";

    /// <summary>Where sign-out lands: the sign-in page, saying that it worked.</summary>
    public const string SignedOutPath = SignInPath + "?" + SignedOutParameter + "=1";

    public const string SignedOutParameter = "signedOut";
    public const string ReturnUrlParameter = "returnUrl";

    internal const string StampClaim = "ih:session";

    public static void AddAdminConsoleAuthentication(this AuthenticationBuilder authentication, IServiceCollection services, string dataDirectory)
    {
        // The cookie is encrypted with keys kept beside the database, so sessions survive a restart.
        services.AddDataProtection()
            .SetApplicationName("IntegrationHub")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "console-keys")));

        authentication
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/";
                options.LoginPath = SignInPath;
                options.ReturnUrlParameter = ReturnUrlParameter;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
                // A signed-in principal without the right (there is none today) gets a plain 403, not a redirect loop.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddPolicyScheme(Scheme, "Admin console", options => options.ForwardDefaultSelector = context =>
                string.IsNullOrEmpty(context.Request.Headers.Authorization) ? CookieScheme : Principals.Scheme);
    }

    /// <summary>The principal of a signed-in admin, or null when the token is not an admin's.</summary>
    internal static async Task<ClaimsPrincipal?> PrincipalForTokenAsync(IAppDbContext db, IAccessTokens tokens, string token, CancellationToken ct)
    {
        var hash = tokens.Hash(token.Trim());
        var admin = await db.AdminUsers.AsNoTracking().Where(a => a.TokenHash == hash)
            .Select(a => new { a.Id, a.TokenHash }).SingleOrDefaultAsync(ct);
        if (admin is null)
        {
            return null;
        }

        Claim[] claims =
        [
            new(Principals.RoleClaim, Principals.AdminRole),
            new(Principals.IdClaim, admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(StampClaim, StampOf(tokens, admin.TokenHash)),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme));
    }

    /// <summary>Whether the principal is an admin whose token is still the one it signed in with.</summary>
    internal static async Task<bool> IsCurrentAsync(IAppDbContext db, IAccessTokens tokens, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.HasClaim(Principals.RoleClaim, Principals.AdminRole)
            || !int.TryParse(user.FindFirst(Principals.IdClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        var stamp = user.FindFirst(StampClaim)?.Value;
        if (stamp is null)
        {
            // A bearer-authenticated admin: the token itself was just checked against the database.
            return user.Identity?.AuthenticationType == Principals.Scheme;
        }

        var hash = await db.AdminUsers.AsNoTracking().Where(a => a.Id == id).Select(a => a.TokenHash).SingleOrDefaultAsync(ct);
        return hash is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(stamp), Encoding.ASCII.GetBytes(StampOf(tokens, hash)));
    }

    /// <summary>A local console or dashboard path to go back to after sign-in; anything else goes to the console's home.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.Contains('\\', StringComparison.Ordinal)
            && (returnUrl.StartsWith("/admin", StringComparison.Ordinal) || returnUrl.StartsWith(BearerTokenHandler.DashboardPath, StringComparison.Ordinal))
            ? returnUrl
            : "/admin";

    // Derived from the hash (never the token), so the cookie proves nothing once the token is rotated.
    private static string StampOf(IAccessTokens tokens, string tokenHash) => tokens.Hash("admin-console-session:" + tokenHash);

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (context.Principal is null || !await IsCurrentAsync(services.GetRequiredService<IAppDbContext>(),
                services.GetRequiredService<IAccessTokens>(), context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }
}
