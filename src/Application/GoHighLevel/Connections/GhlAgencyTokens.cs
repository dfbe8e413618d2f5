using IntegrationHub.Application.Integrations;
using IntegrationHub.Domain.Integrations;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// Location tokens of an agency (Company) install: asked for with the agency's access token, which is itself renewed
/// (refresh_token grant, <c>user_type=Company</c>) near its expiry, one renewal per install at a time across instances
/// (lease <c>installation:{companyId}</c>). A refused agency refresh is recorded on the install, and every integration
/// linked to it fails with "reconnect in GoHighLevel".
/// </summary>
public sealed class GhlAgencyTokens(
    IAppDbContext db, IIntegrations integrations, GhlInstallationSecrets secrets, IGhlOAuthClient oauth, TokenRefreshSingleFlight flight,
    TimeProvider clock)
{
    public const string RefusedMessage = "GoHighLevel refused the agency install's token refresh (invalid_grant): reconnect in GoHighLevel.";

    public async Task<GhlTokenGrant> LocationTokenAsync(string companyId, string locationId, CancellationToken cancellationToken)
    {
        var access = await AccessTokenAsync(companyId, null, cancellationToken);
        try
        {
            return await oauth.LocationTokenAsync(access, companyId, locationId, cancellationToken);
        }
        catch (GhlOAuthException ex) when (ex.Status == 401)
        {
            // The agency token was refused before its time (revoked, or replaced elsewhere): renew it once and ask again.
            access = await AccessTokenAsync(companyId, access, cancellationToken);
            return await oauth.LocationTokenAsync(access, companyId, locationId, cancellationToken);
        }
    }

    /// <summary>The agency's access token, renewed first when it is about to expire or is <paramref name="refused"/>.</summary>
    private async Task<string> AccessTokenAsync(string companyId, string? refused, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(companyId, cancellationToken);
        if (Usable(current, refused) is { } token)
        {
            return token;
        }

        var stale = refused ?? secrets.AccessToken(current);
        string? renewed = null;
        await flight.RunAsync(TokenRefreshLease.ForInstallation(companyId),
            async ct => (renewed = Usable(await ReadAsync(companyId, ct), stale)) is not null,
            ct => RefreshAsync(companyId, ct),
            cancellationToken);
        return renewed ?? secrets.AccessToken(await ReadAsync(companyId, cancellationToken));
    }

    private string? Usable(GhlInstallation installation, string? stale)
    {
        var token = secrets.AccessToken(installation);
        return token != stale && installation.AccessTokenExpiresAt - GhlTokenRenewal.Margin > clock.GetUtcNow().UtcDateTime ? token : null;
    }

    /// <summary>The install as committed now; one that cannot give tokens says why.</summary>
    private async Task<GhlInstallation> ReadAsync(string companyId, CancellationToken cancellationToken)
    {
        var installation = await db.GhlInstallations.AsNoTracking().FirstOrDefaultAsync(i => i.CompanyId == companyId, cancellationToken)
            ?? throw new GhlApiException(GhlFailureKind.Unauthorized, null,
                $"The hub has no GoHighLevel agency install for company {companyId}: install the app for the agency again.");
        if (installation.UninstalledAt is not null)
        {
            throw new GhlApiException(GhlFailureKind.Unauthorized, null, "The app was uninstalled in GoHighLevel for this agency: reconnect in GoHighLevel.");
        }

        // Refused before: the refresh token is dead, asking again would only be refused again.
        return installation.Problem is null ? installation : throw new GhlOAuthException(GhlOAuthFailure.InvalidGrant, null, RefusedMessage);
    }

    private async Task RefreshAsync(string companyId, CancellationToken cancellationToken)
    {
        var committed = await ReadAsync(companyId, cancellationToken);
        var installation = await db.GhlInstallations.FirstAsync(i => i.CompanyId == companyId, cancellationToken);
        GhlTokenGrant grant;
        try
        {
            grant = await oauth.RefreshAsync(secrets.RefreshToken(committed), GhlTokenGrant.Company, cancellationToken);
        }
        catch (GhlOAuthException ex) when (ex.Failure == GhlOAuthFailure.InvalidGrant)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            installation.RecordProblem(RefusedMessage, now);
            var linked = await db.GhlInstallationLocations.AsNoTracking()
                .Where(l => l.GhlInstallationId == committed.Id && l.IntegrationId != null)
                .Select(l => l.IntegrationId!.Value).ToListAsync(cancellationToken);
            foreach (var integrationId in linked)
            {
                (await integrations.FindAsync(integrationId, cancellationToken))?.RecordReconnectNeeded(RefusedMessage, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            throw;
        }

        // The refresh token sent is dead from now on: the new pair is committed before anything uses it.
        secrets.Replace(installation, grant, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }
}
