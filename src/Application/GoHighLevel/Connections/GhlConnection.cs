namespace IntegrationHub.Application.GoHighLevel;

/// <summary>OAuth credentials of an integration configured by hand with its own app (client id, secret and refresh token in its config).</summary>
public sealed record GhlOAuthCredentials(string ClientId, string ClientSecret, string RefreshToken);

/// <summary>How an integration's access token is renewed when it is about to expire or GoHighLevel refuses it.</summary>
public enum GhlRenewal
{
    /// <summary>A Private Integration Token: nothing to renew.</summary>
    None,

    /// <summary>Configured by hand with its own client id, secret and refresh token (token URL: baseUrl + /oauth/token).</summary>
    OwnApp,

    /// <summary><c>oauth: location</c>: the hub's Marketplace app, the integration's own rotating refresh token.</summary>
    AppLocation,

    /// <summary><c>oauth: agency</c>: a new location token from the agency install's token (<c>/oauth/locationToken</c>).</summary>
    AgencyInstall,
}

/// <summary>
/// Everything needed to call GoHighLevel for one integration, decrypted from its config. Lives only in memory
/// for the duration of a use case.
/// </summary>
public sealed class GhlConnection
{
    public required int IntegrationId { get; init; }
    public required string LocationId { get; init; }
    public required Uri BaseUrl { get; init; }
    public required string ApiVersion { get; init; }
    public required string AccessToken { get; set; }
    public DateTime? AccessTokenExpiresAt { get; set; }
    public GhlRenewal Renewal { get; init; }

    /// <summary>The hand-configured app's credentials (<see cref="GhlRenewal.OwnApp"/>), else null.</summary>
    public GhlOAuthCredentials? OAuth { get; init; }

    /// <summary>
    /// Renews the access token, given the one that is expiring or was refused, and sets <see cref="AccessToken"/> and
    /// <see cref="AccessTokenExpiresAt"/>; the new tokens are stored before it returns. Null: the token cannot be renewed.
    /// Throws <see cref="GhlApiException"/> when it cannot.
    /// </summary>
    public Func<GhlConnection, string, CancellationToken, Task>? RenewTokens { get; init; }

    /// <summary>The secrets of this connection, for scrubbing them out of any message.</summary>
    public IEnumerable<string> Secrets()
    {
        yield return AccessToken;
        if (OAuth is not null)
        {
            yield return OAuth.ClientSecret;
            yield return OAuth.RefreshToken;
        }
    }

    public override string ToString() => $"GoHighLevel location {LocationId} at {BaseUrl}";
}
