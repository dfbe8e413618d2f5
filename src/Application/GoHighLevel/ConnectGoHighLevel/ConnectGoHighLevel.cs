using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Application.Tenancy;
using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// "Connect with GoHighLevel" for a sub-account, started by an admin. <paramref name="BindToBrowser"/> (the console's
/// button): the state is spendable only together with a nonce the browser keeps in a cookie.
/// </summary>
public sealed record ConnectGoHighLevelCommand(int SubAccountId, bool BindToBrowser = false) : ICommand<GhlAuthorizeRedirect>;

/// <summary>
/// Where to send the admin's browser: GoHighLevel's authorize page, with the new state in its query; for a browser-bound
/// state, the nonce to set in the browser's cookie (for <see cref="GhlAuthorizeRedirect.StateLifetime"/>) and the state it belongs to.
/// </summary>
public sealed record GhlAuthorizeRedirect(Uri AuthorizeUrl, string State, string? BrowserNonce, TimeSpan StateLifetime, string RedirectUri);

/// <summary>
/// Issues a single-use <c>state</c> (256 random bits, base64url) bound to the sub-account, the admin and the redirect URI,
/// and stores only its SHA-256 hash: a copy of the table gives nothing to spend. States long expired are removed here,
/// so the table holds only the last day's.
/// </summary>
public sealed class ConnectGoHighLevelHandler(IAppDbContext db, IGhlOAuthApps apps, ITenantDirectory tenants, ICurrentUser user,
    IPublicUrls urls, TimeProvider clock)
    : ICommandHandler<ConnectGoHighLevelCommand, GhlAuthorizeRedirect>
{
    /// <summary>Spent and expired states stay this long after their expiry (what a support question may need), then go.</summary>
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    public async ValueTask<GhlAuthorizeRedirect> Handle(ConnectGoHighLevelCommand command, CancellationToken cancellationToken)
    {
        var app = apps.Current ?? throw new NotFoundException("GoHighLevel app", "configuration");
        if (!await tenants.SubAccountExistsAsync(command.SubAccountId, cancellationToken))
        {
            throw new NotFoundException("Sub-account", command.SubAccountId);
        }

        var adminId = user.AdminId ?? throw new ForbiddenException("Only an admin can connect GoHighLevel.");
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - KeptAfterExpiry;
        await db.GhlConnectStates.Where(s => s.ExpiresAt < stale).ExecuteDeleteAsync(cancellationToken);

        var state = Base64Url(RandomNumberGenerator.GetBytes(32));
        var nonce = command.BindToBrowser ? Base64Url(RandomNumberGenerator.GetBytes(32)) : null;
        var redirectUri = app.RedirectUri ?? urls.GoHighLevelCallbackUrl();
        db.GhlConnectStates.Add(GhlConnectState.Issue(GhlConnectStateHash.Of(state, nonce), command.SubAccountId, adminId, redirectUri, now,
            app.StateLifetime));
        await db.SaveChangesAsync(cancellationToken);

        var query = string.Join('&',
            Pair("response_type", "code"), Pair("client_id", app.ClientId), Pair("redirect_uri", redirectUri), Pair("scope", app.Scopes),
            Pair("state", state));
        var authorize = new UriBuilder(app.AuthorizeUrl);
        authorize.Query = string.IsNullOrEmpty(authorize.Query) ? query : authorize.Query.TrimStart('?') + "&" + query;
        return new GhlAuthorizeRedirect(authorize.Uri, state, nonce, app.StateLifetime, redirectUri);
    }

    private static string Pair(string name, string value) => name + "=" + Uri.EscapeDataString(value);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// A connect state is stored and looked up as the lowercase hex SHA-256 of its value; a browser-bound one (started from
/// the console) as the SHA-256 of <c>state|nonce</c>, the nonce being kept only in that browser's HttpOnly cookie. So
/// the binding needs no column: without the cookie's nonce the stored hash cannot be found, a copied state URL is
/// useless in another browser, and an unbound (API) state is found by its plain hash whatever cookie comes along.
/// </summary>
public static class GhlConnectStateHash
{
    public static string Of(string state, string? browserNonce = null) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(browserNonce is null ? state : state + "|" + browserNonce)));

    /// <summary>The hashes a callback's state may be stored under: unbound, and bound to the nonce the browser sent.</summary>
    public static string[] Candidates(string state, string? browserNonce) =>
        string.IsNullOrEmpty(browserNonce) ? [Of(state)] : [Of(state), Of(state, browserNonce)];
}
