using IntegrationHub.Application.Integrations;
using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// Renews an OAuth integration's access token ahead of its expiry or after a 401, one renewal per integration at a time
/// across instances (<see cref="TokenRefreshSingleFlight"/>): GoHighLevel rotates refresh tokens on use, so two
/// instances spending the same one would leave one of them, and then the integration, with a dead token. The new pair
/// is committed before it is used. A refused refresh (<c>invalid_grant</c>) is for a person to fix: the integration
/// moves to error with one alert.
/// </summary>
public sealed class GhlTokenRenewal(
    IAppDbContext db, IIntegrations integrations, IntegrationConfigEditor configEditor, TokenRefreshSingleFlight flight,
    IGhlOAuthClient appTokens, IGhlOwnAppTokens ownAppTokens, GhlAgencyTokens agencyTokens, TimeProvider clock)
{
    /// <summary>How long before its expiry a token is renewed.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

    public const string RefusedMessage = "GoHighLevel refused the token refresh (invalid_grant): reconnect in GoHighLevel.";

    public async Task RenewAsync(GhlConnections connections, Integration integration, GhlConnection connection, string staleToken,
        CancellationToken cancellationToken)
    {
        GhlConfig? stored = null;
        await flight.RunAsync(TokenRefreshLease.ForIntegration(integration.Id),
            async ct =>
            {
                stored = await StoredAsync(integration, ct);
                return Adopt(connection, stored, staleToken);
            },
            ct => RefreshAsync(connections, integration, connection, stored!, ct),
            cancellationToken);
    }

    /// <summary>The integration's config as committed now (another instance may have renewed since it was loaded).</summary>
    private async Task<GhlConfig> StoredAsync(Integration integration, CancellationToken cancellationToken)
    {
        var json = await integrations.ConfigOfAsync(integration.Id, cancellationToken)
            ?? throw new GhlApiException(GhlFailureKind.Rejected, null, "The integration no longer exists.");
        var config = GhlConfig.Read(configEditor.Decrypt(json, integration.SubAccountId, integration.SecretScope));
        if (config.ApiKey is { } stored && stored != GhlConfig.Read(configEditor.Decrypt(integration.ConfigJson, integration.SubAccountId,
                integration.SecretScope)).ApiKey)
        {
            integration.CatchUpConfig(json);
        }

        return config;
    }

    /// <summary>Uses the stored token when it is not the stale one and not about to expire itself.</summary>
    private bool Adopt(GhlConnection connection, GhlConfig stored, string staleToken)
    {
        if (stored.ApiKey is not { } token || token == staleToken
            || (stored.AccessTokenExpiresAt is { } expires && expires - Margin <= clock.GetUtcNow().UtcDateTime))
        {
            return false;
        }

        connection.AccessToken = token;
        connection.AccessTokenExpiresAt = stored.AccessTokenExpiresAt;
        return true;
    }

    private async Task RefreshAsync(GhlConnections connections, Integration integration, GhlConnection connection, GhlConfig stored,
        CancellationToken cancellationToken)
    {
        GhlTokenGrant grant;
        try
        {
            grant = await GrantAsync(connection, stored, cancellationToken);
        }
        catch (GhlOAuthException ex) when (ex.Failure == GhlOAuthFailure.InvalidGrant)
        {
            // A holder whose lease ran out mid-call (a refresh slower than the lease) may have been overtaken: the other
            // instance spent the same refresh token and stored a new pair. That pair is good; nothing needs reconnecting.
            if (connection.Renewal != GhlRenewal.AgencyInstall
                && await StoredAsync(integration, cancellationToken) is var current && current.RefreshToken != stored.RefreshToken
                && Adopt(connection, current, connection.AccessToken))
            {
                return;
            }

            var message = connection.Renewal == GhlRenewal.AgencyInstall ? GhlAgencyTokens.RefusedMessage : RefusedMessage;
            integration.RecordReconnectNeeded(message, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            throw new GhlApiException(GhlFailureKind.Unauthorized, ex.Status, message);
        }
        catch (GhlOAuthException ex)
        {
            throw new GhlApiException(ex.Failure switch
            {
                GhlOAuthFailure.Unavailable => GhlFailureKind.Unavailable,
                GhlOAuthFailure.InvalidResponse => GhlFailureKind.InvalidResponse,
                _ => GhlFailureKind.Unauthorized,
            }, ex.Status, ex.Message);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var expiresAt = grant.ExpiresAt(now);
        var values = GhlConfig.TokenValues(grant, now, keepRefreshToken: connection.Renewal != GhlRenewal.AgencyInstall);

        // The refresh token sent is dead from now on: the new pair is committed before anything uses it.
        await connections.MergeConfigAsync(integration, values, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        connection.AccessToken = grant.AccessToken;
        connection.AccessTokenExpiresAt = expiresAt;
    }

    private Task<GhlTokenGrant> GrantAsync(GhlConnection connection, GhlConfig stored, CancellationToken cancellationToken) => connection.Renewal switch
    {
        GhlRenewal.AgencyInstall => agencyTokens.LocationTokenAsync(stored.CompanyId!, connection.LocationId, cancellationToken),
        GhlRenewal.AppLocation => appTokens.RefreshAsync(stored.RefreshToken
            ?? throw new GhlOAuthException(GhlOAuthFailure.InvalidGrant, null, "The integration has no refresh token."),
            GhlTokenGrant.Location, cancellationToken),
        GhlRenewal.OwnApp => ownAppTokens.RefreshAsync(new Uri(connection.BaseUrl, "/oauth/token"),
            new GhlOAuthCredentials(stored.ClientId ?? "", stored.ClientSecret ?? "", stored.RefreshToken ?? ""), cancellationToken),
        _ => throw new GhlApiException(GhlFailureKind.Unauthorized, null, "The integration's token cannot be renewed."),
    };
}
