using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IntegrationHub.Application.Common.Interfaces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> by the token's hash, against admins first, then
/// tenant users. Failures answer with problem details and never say which part was wrong.
/// </summary>
/// <remarks>
/// The database is resolved only when a request carries a token: every request passes through this handler, and
/// creating a DbContext for each anonymous webhook delivery cost the accept path about 40% of its time.
/// </remarks>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAccessTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (header.Length > 600 || TokenOf(header) is not { Length: > 0 } token)
        {
            return AuthenticateResult.Fail("Malformed Authorization header.");
        }

        var hash = tokens.Hash(token);
        var db = Context.RequestServices.GetRequiredService<IAppDbContext>();
        var adminId = await db.AdminUsers.AsNoTracking().Where(a => a.TokenHash == hash)
            .Select(a => (int?)a.Id).SingleOrDefaultAsync(Context.RequestAborted);
        if (adminId is { } id)
        {
            return Success([new(Principals.RoleClaim, Principals.AdminRole), new(Principals.IdClaim, Format(id))]);
        }

        var user = await db.Users.AsNoTracking().Where(u => u.TokenHash == hash)
            .Select(u => new { u.Id, u.SubAccountId }).SingleOrDefaultAsync(Context.RequestAborted);
        if (user is not null)
        {
            return Success([
                new(Principals.RoleClaim, Principals.TenantRole),
                new(Principals.IdClaim, Format(user.Id)),
                new(Principals.SubAccountClaim, Format(user.SubAccountId)),
            ]);
        }

        return AuthenticateResult.Fail("Unknown token.");
    }

    /// <summary>
    /// The bearer token; on the Hangfire dashboard also Basic credentials whose password is the token, so a
    /// browser's own login prompt can open it.
    /// </summary>
    private string? TokenOf(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && Request.Path.StartsWithSegments(DashboardPath))
        {
            try
            {
                var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon >= 0 ? decoded[(colon + 1)..] : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    public const string DashboardPath = "/hangfire";

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblem(StatusCodes.Status401Unauthorized, "Unauthorized",
            "A valid bearer token is required: Authorization: Bearer <token>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "Forbidden", Context.User.HasClaim(Principals.RoleClaim, Principals.AdminRole)
            ? "This route is for tenant users: it works on one sub-account's own data with that sub-account's user token. " +
              "Admins use the /api/admin routes."
            : "This route is for admins only.");

    private AuthenticateResult Success(Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));

    private Task WriteProblem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title, detail: detail,
            type: ProblemTypes.For(status)).ExecuteAsync(Context);
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
