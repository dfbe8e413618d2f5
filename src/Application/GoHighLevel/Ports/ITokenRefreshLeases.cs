namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// Who may spend a rotating refresh token right now, across every instance on the database (TokenRefreshLeases rows,
/// keys from <see cref="Domain.Integrations.TokenRefreshLease"/>). A lease runs out on its own, so a holder that died
/// blocks the others for at most its duration.
/// </summary>
public interface ITokenRefreshLeases
{
    /// <summary>Takes the lease on <paramref name="key"/> when nobody holds it (or the holder's ran out): the holder's mark, else null.</summary>
    Task<string?> TryTakeAsync(string key, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease back, if <paramref name="holder"/> still holds it.</summary>
    Task ReleaseAsync(string key, string holder, CancellationToken cancellationToken);
}

/// <summary>
/// The token endpoint of an integration configured by hand with its own app: <c>grant_type=refresh_token</c> with the
/// integration's client id and secret at <c>baseUrl + /oauth/token</c>. Fails as <see cref="IGhlOAuthClient"/> does.
/// </summary>
public interface IGhlOwnAppTokens
{
    Task<GhlTokenGrant> RefreshAsync(Uri tokenUrl, GhlOAuthCredentials credentials, CancellationToken cancellationToken);
}
