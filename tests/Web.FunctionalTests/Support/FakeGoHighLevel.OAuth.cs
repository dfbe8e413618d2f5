using System.Collections.Concurrent;
using System.Text.Json;
using System.Web;
using WireMock;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// GoHighLevel's side of the Marketplace app, as <c>apps/oauth.json</c> and the OAuth docs describe it: the authorize
/// page (simulated: it "chooses" <see cref="NextInstall"/> and redirects back with a code), <c>POST /oauth/token</c> for
/// both grants, and <c>POST /oauth/locationToken</c>. Codes are single-use and bound to their redirect URI; refresh
/// tokens rotate and a spent one is refused with <c>invalid_grant</c>, as GoHighLevel does.
/// </summary>
public sealed partial class FakeGoHighLevel
{
    public const string AppClientId = "hub-app-client-7a1";
    public const string AppClientSecret = "hub-app-secret-9f3e2d";
    public const string CompanyId = "co-fake-agency";

    /// <summary>Who installs next on the authorize page: one location (Location token) or an agency with its locations.</summary>
    public OAuthInstall NextInstall { get; set; } = OAuthInstall.ForLocation(LocationId);

    /// <summary>Seconds the issued access tokens live (GoHighLevel: 86,399); short lifetimes make the hub refresh.</summary>
    public int AccessTokenSeconds { get; set; } = 86_399;

    /// <summary>Refresh grants answered (successful or not), per refresh token sent.</summary>
    public ConcurrentDictionary<string, int> RefreshAttempts { get; } = new();

    /// <summary>Every refresh_token grant received (the hub must spend each refresh token once).</summary>
    public int OAuthRefreshCalls => RefreshAttempts.Values.Sum();

    public int LocationTokenCalls;

    /// <summary>Delay before the token endpoint answers a refresh (to hold two instances' refreshes side by side).</summary>
    public TimeSpan RefreshDelay { get; set; } = TimeSpan.Zero;

    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new();
    private readonly ConcurrentDictionary<string, OAuthInstall> _liveRefreshTokens = new();
    private readonly ConcurrentDictionary<string, OAuthInstall> _agencyAccessTokens = new();

    /// <summary>
    /// What GoHighLevel's authorize page does once the user picks where to install: checks the app's query and sends the
    /// browser to the redirect URI with a fresh code and the state it was given. Returns that callback URL.
    /// </summary>
    public Uri Authorize(Uri authorizeUrl)
    {
        var query = HttpUtility.ParseQueryString(authorizeUrl.Query);
        if (query["response_type"] != "code" || query["client_id"] != AppClientId || query["redirect_uri"] is not { Length: > 0 } redirect
            || string.IsNullOrWhiteSpace(query["scope"]))
        {
            throw new InvalidOperationException($"The authorize URL is not what GoHighLevel expects: {authorizeUrl}");
        }

        var code = "code-" + Guid.NewGuid().ToString("N");
        _codes[code] = new IssuedCode(redirect, NextInstall);
        var back = new UriBuilder(redirect);
        var callbackQuery = HttpUtility.ParseQueryString(back.Query);
        callbackQuery["code"] = code;
        if (query["state"] is { } state)
        {
            callbackQuery["state"] = state;
        }

        back.Query = callbackQuery.ToString();
        return back.Uri;
    }

    /// <summary>The install is removed in GoHighLevel: its refresh tokens stop working.</summary>
    public void RevokeInstall(OAuthInstall install)
    {
        foreach (var (token, owner) in _liveRefreshTokens)
        {
            if (owner == install)
            {
                _liveRefreshTokens.TryRemove(token, out _);
            }
        }
    }

    private bool IsAppForm(Dictionary<string, string> form) => form.GetValueOrDefault("client_id") == AppClientId;

    private async Task<ResponseMessage> AppTokenAsync(Dictionary<string, string> form)
    {
        if (form.GetValueOrDefault("client_secret") != AppClientSecret)
        {
            return Json(401, """{"error":"invalid_client","error_description":"Client authentication failed"}""");
        }

        switch (form.GetValueOrDefault("grant_type"))
        {
            case "authorization_code":
                if (form.GetValueOrDefault("code") is not { } code || !_codes.TryRemove(code, out var issued))
                {
                    return Json(400, """{"error":"invalid_grant","error_description":"Invalid authorization code"}""");
                }

                if (issued.RedirectUri != form.GetValueOrDefault("redirect_uri"))
                {
                    return Json(400, """{"error":"invalid_grant","error_description":"redirect_uri does not match"}""");
                }

                return Issue(issued.Install);
            case "refresh_token":
                var refresh = form.GetValueOrDefault("refresh_token") ?? "";
                RefreshAttempts.AddOrUpdate(refresh, 1, (_, n) => n + 1);
                if (RefreshDelay > TimeSpan.Zero)
                {
                    await Stall(RefreshDelay);
                }

                return _liveRefreshTokens.TryRemove(refresh, out var install)
                    ? Issue(install)
                    : Json(400, """{"error":"invalid_grant","error_description":"Invalid refresh token"}""");
            default:
                return Json(400, """{"error":"unsupported_grant_type"}""");
        }
    }

    private ResponseMessage Issue(OAuthInstall install)
    {
        var access = "access-" + Guid.NewGuid().ToString("N");
        var refresh = "refresh-" + Guid.NewGuid().ToString("N");
        _liveRefreshTokens[refresh] = install;
        var answer = new Dictionary<string, object?>
        {
            ["access_token"] = access, ["token_type"] = "Bearer", ["expires_in"] = AccessTokenSeconds, ["refresh_token"] = refresh,
            ["scope"] = "contacts.readonly contacts.write locations.readonly oauth.write", ["userId"] = "user-fake-1",
            ["companyId"] = install.CompanyId,
        };
        if (install.IsCompany)
        {
            _agencyAccessTokens[access] = install;
            // GoHighLevel accepts an agency token for reading the agency's own locations (their names).
            AcceptedTokens.Add(access);
            answer["userType"] = "Company";
            answer["approvedLocations"] = install.ApprovedLocations;
            answer["isBulkInstallation"] = true;
            answer["installToFutureLocations"] = install.InstallToFutureLocations;
        }
        else
        {
            AcceptedTokens.Add(access);
            answer["userType"] = "Location";
            answer["locationId"] = install.LocationId;
        }

        return Json(200, JsonSerializer.Serialize(answer));
    }

    /// <summary><c>POST /oauth/locationToken</c>: an agency token for a company that approved the location; no refresh token comes back.</summary>
    private ResponseMessage LocationToken(string? authorization, string? version, Dictionary<string, string> form)
    {
        Interlocked.Increment(ref LocationTokenCalls);
        var token = authorization is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : "";
        if (!_agencyAccessTokens.TryGetValue(token, out var install))
        {
            return Json(401, """{"statusCode":401,"message":"Invalid JWT"}""");
        }

        if (version != "2021-07-28")
        {
            return Json(400, """{"statusCode":400,"message":"Version header must be 2021-07-28"}""");
        }

        if (form.GetValueOrDefault("companyId") != install.CompanyId || form.GetValueOrDefault("locationId") is not { } location
            || !install.ApprovedLocations.Contains(location))
        {
            return Json(400, """{"statusCode":400,"message":"Location not approved for this app"}""");
        }

        var access = "access-loc-" + Guid.NewGuid().ToString("N");
        AcceptedTokens.Add(access);
        return Json(200, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["access_token"] = access, ["token_type"] = "Bearer", ["expires_in"] = AccessTokenSeconds,
            ["scope"] = "contacts.readonly contacts.write", ["locationId"] = location, ["userId"] = "user-fake-1",
        }));
    }

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString((p.ElementAtOrDefault(1) ?? "").Replace('+', ' ')));

    private sealed record IssuedCode(string RedirectUri, OAuthInstall Install);
}

/// <summary>One install of the app: a single location, or an agency with the locations it approved.</summary>
public sealed record OAuthInstall(string? LocationId, string CompanyId, IReadOnlyList<string> ApprovedLocations, bool InstallToFutureLocations)
{
    public bool IsCompany => LocationId is null;

    public static OAuthInstall ForLocation(string locationId, string companyId = FakeGoHighLevel.CompanyId) =>
        new(locationId, companyId, [], false);

    public static OAuthInstall ForAgency(string companyId, IReadOnlyList<string> locations, bool installToFutureLocations = true) =>
        new(null, companyId, locations, installToFutureLocations);
}
