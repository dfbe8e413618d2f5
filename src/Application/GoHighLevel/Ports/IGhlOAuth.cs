namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// The hub's GoHighLevel Marketplace app, as configured (<c>IntegrationHub:GoHighLevel:OAuth</c>). The client secret is
/// not here: only the token client (Infrastructure) ever holds it.
/// </summary>
/// <param name="RedirectUri">The configured redirect URI, or null to use <c>{public base URL}/oauth/gohighlevel/callback</c>.</param>
public sealed record GhlOAuthApp(string ClientId, string Scopes, string? RedirectUri, Uri AuthorizeUrl)
{
    /// <summary>
    /// The API host of the integrations this app connects: the origin of the configured token URL (GoHighLevel serves
    /// its API and its token endpoint from the same host; a test's fake is both).
    /// </summary>
    public Uri ApiBaseUrl { get; init; } = new(GhlConnections.DefaultBaseUrl);

    /// <summary>How long a connect's <c>state</c> stays spendable (<c>StateLifetime</c>, 10 minutes by default).</summary>
    public TimeSpan StateLifetime { get; init; } = TimeSpan.FromMinutes(10);
}

public interface IGhlOAuthApps
{
    /// <summary>The configured app, or null when no client id is set (then the OAuth routes answer 404).</summary>
    GhlOAuthApp? Current { get; }
}

/// <summary>
/// What GoHighLevel's token endpoint answered (<c>apps/oauth.json</c>: access_token, token_type, expires_in,
/// refresh_token, scope, userType, locationId, companyId, approvedLocations, userId, isBulkInstallation,
/// installToFutureLocations). Tokens live only in memory until they are encrypted. <c>/oauth/locationToken</c> answers
/// without a refresh token: a location token of an agency install is renewed by asking for a new one with the agency token.
/// </summary>
public sealed record GhlTokenGrant(
    string AccessToken,
    string? RefreshToken,
    int ExpiresInSeconds,
    string? Scope,
    string? UserType,
    string? LocationId,
    string? CompanyId,
    IReadOnlyList<string> ApprovedLocations,
    bool InstallToFutureLocations,
    bool IsBulkInstallation,
    string? UserId)
{
    public const string Company = "Company";
    public const string Location = "Location";

    public bool IsCompany => string.Equals(UserType, Company, StringComparison.OrdinalIgnoreCase);

    public DateTime ExpiresAt(DateTime now) => now.AddSeconds(ExpiresInSeconds);

    /// <summary>Never the tokens.</summary>
    public override string ToString() => $"GoHighLevel {UserType} token for {LocationId ?? CompanyId}";
}

/// <summary>Why the token endpoint gave no tokens.</summary>
public enum GhlOAuthFailure
{
    /// <summary><c>invalid_grant</c>: the code or refresh token is spent, expired or revoked; only a reconnect helps.</summary>
    InvalidGrant,

    /// <summary>Any other 4xx (a wrong client id or secret, a redirect URI that does not match the app's).</summary>
    Refused,

    /// <summary>5xx, a timeout, no connection: worth trying again later.</summary>
    Unavailable,

    /// <summary>A 2xx without the tokens.</summary>
    InvalidResponse,
}

/// <summary>The message names the status and GoHighLevel's error code, never a token, code or secret.</summary>
public sealed class GhlOAuthException(GhlOAuthFailure failure, int? status, string message) : Exception(message)
{
    public GhlOAuthFailure Failure { get; } = failure;
    public int? Status { get; } = status;
}

/// <summary>GoHighLevel's token endpoints, with the app's client id and secret.</summary>
public interface IGhlOAuthClient
{
    /// <summary><c>grant_type=authorization_code</c> with <c>user_type=Location</c> (an agency install answers <c>userType: Company</c>).</summary>
    Task<GhlTokenGrant> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken);

    /// <summary><c>grant_type=refresh_token</c>; the answer's refresh token replaces the one sent, which is dead from now on.</summary>
    Task<GhlTokenGrant> RefreshAsync(string refreshToken, string userType, CancellationToken cancellationToken);

    /// <summary><c>POST /oauth/locationToken</c> (form companyId, locationId) with the agency's access token.</summary>
    Task<GhlTokenGrant> LocationTokenAsync(string agencyAccessToken, string companyId, string locationId, CancellationToken cancellationToken);
}
