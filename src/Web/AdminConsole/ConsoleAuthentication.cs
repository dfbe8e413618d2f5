using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Application.Common.Auditing;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Audit;
using IntegrationHub.Domain.Access;
using IntegrationHub.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Web.AdminConsole;

/// <summary>
/// How admins stay signed in to the console: the admin token is checked once at sign-in, then an HTTP-only,
/// SameSite=Strict cookie carries the admin's id, a stamp derived from the token's hash and a random session id whose
/// hash is a row in the database (<see cref="AdminSession"/>). Every request (and every console action) checks both
/// against the database, so rotating or deleting the admin ends its sessions at once, and signing out deletes the
/// session's row: a copy of the cookie is worthless afterwards, on every instance. The API routes never accept the
/// cookie: they stay bearer-only.
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

    /// <summary>The folder, inside the data folder, holding the keys that encrypt the cookie (a backup takes it along).</summary>
    public const string KeysFolder = "console-keys";

    internal const string StampClaim = "ih:session";
    internal const string SessionIdClaim = "ih:sid";

    /// <summary>How long a session lasts without use; each use slides it forward.</summary>
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>The cookie keys' folder, created owner-only like the data folder (DataProtection would make it world-readable).</summary>
    private static DirectoryInfo OwnerOnlyFolder(string path) =>
        OperatingSystem.IsWindows() || Directory.Exists(path)
            ? new DirectoryInfo(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

    public static void AddAdminConsoleAuthentication(this AuthenticationBuilder authentication, IServiceCollection services, string dataDirectory)
    {
        // The cookie is encrypted with keys kept beside the database, so sessions survive a restart.
        services.AddDataProtection()
            .SetApplicationName("IntegrationHub")
            .PersistKeysToFileSystem(OwnerOnlyFolder(Path.Combine(dataDirectory, KeysFolder)));

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
                options.ExpireTimeSpan = SessionLifetime;
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
                var toSignIn = options.Events.OnRedirectToLogin;
                // Arriving from another site (back from GoHighLevel's authorize page), the cookie stays behind: load the
                // page again from the hub's own page before concluding the admin is not signed in.
                options.Events.OnRedirectToLogin = context => ConsoleEndpoints.IsCrossSiteNavigation(context.Request)
                    ? ConsoleEndpoints.SameSiteAgainAsync(context.HttpContext)
                    : toSignIn(context);
                options.Events.OnCheckSlidingExpiration = ExtendSessionAsync;
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

    /// <summary>
    /// Signs an admin in: when the token is an admin's, starts a session (its row, then the cookie) and returns true;
    /// false when it is not an admin's token.
    /// </summary>
    internal static async Task<bool> SignInAsync(HttpContext context, string token)
    {
        var services = context.RequestServices;
        var db = services.GetRequiredService<IAppDbContext>();
        var tokens = services.GetRequiredService<IAccessTokens>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var hash = tokens.Hash(token.Trim());
        var admin = await db.AdminUsers.AsNoTracking().Where(a => a.TokenHash == hash)
            .Select(a => new { a.Id, a.TokenHash }).SingleOrDefaultAsync(context.RequestAborted);
        if (admin is null)
        {
            return false;
        }

        // The session id is a token of its own: random, in the cookie only, stored as a hash.
        var (sessionId, sessionIdHash) = tokens.Issue();
        using var audited = Audit(services, context, "SignIn", admin.Id);
        db.AdminSessions.RemoveRange(await db.AdminSessions.Where(s => s.AdminUserId == admin.Id && s.ExpiresAt <= now).ToListAsync(context.RequestAborted));
        db.AdminSessions.Add(AdminSession.Start(admin.Id, sessionIdHash, now, SessionLifetime));
        await db.SaveChangesAsync(context.RequestAborted);

        Claim[] claims =
        [
            new(Principals.RoleClaim, Principals.AdminRole),
            new(Principals.IdClaim, admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(StampClaim, StampOf(tokens, admin.TokenHash)),
            new(SessionIdClaim, sessionId),
        ];
        await context.SignInAsync(CookieScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme)));
        return true;
    }

    /// <summary>One audit row for the session's start or end, naming the admin (not the session, whose id is a secret).</summary>
    private static IDisposable Audit(IServiceProvider services, HttpContext context, string action, int adminId)
    {
        var trail = services.GetRequiredService<IAuditTrail>();
        var opened = trail.Begin(action, new AuditActor(AuditActorType.Admin, adminId, context.Connection.RemoteIpAddress?.ToString()));
        trail.Describe(nameof(AdminUser), adminId.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        return opened;
    }

    /// <summary>Signs out: the session's row goes (so every copy of the cookie stops working), then the cookie.</summary>
    internal static async Task SignOutAsync(HttpContext context)
    {
        var cookie = await context.AuthenticateAsync(CookieScheme);
        if (cookie.Principal?.FindFirst(SessionIdClaim)?.Value is { } sessionId)
        {
            var services = context.RequestServices;
            var db = services.GetRequiredService<IAppDbContext>();
            var sessionIdHash = services.GetRequiredService<IAccessTokens>().Hash(sessionId);
            var adminId = int.TryParse(cookie.Principal.FindFirst(Principals.IdClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0;
            using var audited = Audit(services, context, "SignOut", adminId);
            db.AdminSessions.RemoveRange(await db.AdminSessions.Where(s => s.IdHash == sessionIdHash).ToListAsync(context.RequestAborted));
            await db.SaveChangesAsync(context.RequestAborted);
        }

        await context.SignOutAsync(CookieScheme);
    }

    /// <summary>
    /// Whether the principal is an admin whose session is still open (not signed out, not expired) and whose token is
    /// still the one it signed in with.
    /// </summary>
    internal static async Task<bool> IsCurrentAsync(IServiceProvider services, ClaimsPrincipal user, CancellationToken ct)
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

        // A cookie from before sessions were kept has no session id: it cannot be signed out, so it is not accepted.
        if (user.FindFirst(SessionIdClaim)?.Value is not { } sessionId)
        {
            return false;
        }

        var db = services.GetRequiredService<IAppDbContext>();
        var tokens = services.GetRequiredService<IAccessTokens>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var sessionIdHash = tokens.Hash(sessionId);
        var session = await db.AdminSessions.AsNoTracking()
            .Where(s => s.IdHash == sessionIdHash && s.AdminUserId == id && s.ExpiresAt > now)
            .Join(db.AdminUsers, s => s.AdminUserId, a => a.Id, (s, a) => new { a.TokenHash })
            .SingleOrDefaultAsync(ct);
        return session is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(stamp), Encoding.ASCII.GetBytes(StampOf(tokens, session.TokenHash)));
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
        if (context.Principal is null || !await IsCurrentAsync(context.HttpContext.RequestServices, context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    /// <summary>The cookie is renewed for another lifetime: so is its session's row, or the row would end the session early.</summary>
    private static async Task ExtendSessionAsync(CookieSlidingExpirationContext context)
    {
        if (!context.ShouldRenew || context.Principal?.FindFirst(SessionIdClaim)?.Value is not { } sessionId)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<IAppDbContext>();
        var sessionIdHash = services.GetRequiredService<IAccessTokens>().Hash(sessionId);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var session = await db.AdminSessions.SingleOrDefaultAsync(s => s.IdHash == sessionIdHash, context.HttpContext.RequestAborted);
        if (session is not null)
        {
            session.Extend(now, SessionLifetime);
            await db.SaveChangesAsync(context.HttpContext.RequestAborted);
        }
    }
}
