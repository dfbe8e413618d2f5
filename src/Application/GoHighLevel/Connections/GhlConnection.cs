namespace IntegrationHub.Application.GoHighLevel;

/// <summary>OAuth credentials of an integration that uses a Marketplace app rather than a Private Integration Token.</summary>
public sealed record GhlOAuthCredentials(string ClientId, string ClientSecret, string RefreshToken);

/// <summary>New OAuth tokens; the refresh token is replaced on every use, so it must be stored at once.</summary>
public sealed record GhlTokens(string AccessToken, string RefreshToken, DateTime ExpiresAt);

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
    public GhlOAuthCredentials? OAuth { get; set; }

    /// <summary>Called after an OAuth refresh so the caller can store the new tokens (encrypted) right away.</summary>
    public Func<GhlTokens, CancellationToken, Task>? TokensRefreshed { get; init; }

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
