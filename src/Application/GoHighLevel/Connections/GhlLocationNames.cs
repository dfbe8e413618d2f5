using IntegrationHub.Application.Common.Security;
using IntegrationHub.Domain.Integrations;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// Fills in the names of an agency install's locations (its token answer names ids only) with <c>GET /locations/{id}</c>
/// and the agency token, which GoHighLevel accepts for its own locations. Best effort: a name GoHighLevel does not give
/// stays empty and is asked for again next time; a listing never waits long for it. The same read gives a location's
/// time zone, for a sub-account created for it.
/// </summary>
public sealed class GhlLocationNames(GhlInstallationSecrets secrets, IGoHighLevelGateway gateway, TimeProvider clock,
    ILogger<GhlLocationNames> logger)
{
    /// <summary>At most this many lookups per listing, so a large agency's first listing stays quick (the rest come next time).</summary>
    public const int MaxLookups = 25;

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>Staged on the installations (the caller saves); returns how many names were filled.</summary>
    public async Task<int> FillAsync(GhlOAuthApp app, IReadOnlyList<GhlInstallation> installations, CancellationToken cancellationToken)
    {
        var missing = installations.Where(i => i.UninstalledAt is null)
            .SelectMany(i => i.Locations.Where(l => l.Name is null).Select(l => (Installation: i, Location: l))).Take(MaxLookups).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        var filled = 0;
        foreach (var (installation, location) in missing)
        {
            try
            {
                var found = await gateway.GetLocation(Connection(app, installation, location.LocationId), budget.Token);
                if (!string.IsNullOrWhiteSpace(found.Name))
                {
                    installation.AddLocation(location.LocationId, found.Name, clock.GetUtcNow().UtcDateTime);
                    filled++;
                }
            }
            catch (Exception ex) when (ex is GhlApiException or SecretDecryptionException
                                       || (ex is OperationCanceledException && budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
            {
                logger.LogInformation("The name of GoHighLevel location {LocationId} of agency {CompanyId} could not be read: {Reason}",
                    location.LocationId, installation.CompanyId, ex is OperationCanceledException ? "no answer in time" : ex.Message);
                if (ex is OperationCanceledException)
                {
                    break;
                }
            }
        }

        return filled;
    }

    /// <summary>
    /// The location's time zone as GoHighLevel gives it (<c>GET /locations/{id}</c> with the agency token); null when it gives
    /// none or cannot be read in time (the caller keeps its default).
    /// </summary>
    public async Task<string?> TimezoneAsync(GhlOAuthApp app, GhlInstallation installation, string locationId, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            var found = await gateway.GetLocation(Connection(app, installation, locationId), budget.Token);
            return string.IsNullOrWhiteSpace(found.Timezone) ? null : found.Timezone.Trim();
        }
        catch (Exception ex) when (ex is GhlApiException or SecretDecryptionException
                                   || (ex is OperationCanceledException && budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            logger.LogInformation("The time zone of GoHighLevel location {LocationId} of agency {CompanyId} could not be read: {Reason}",
                locationId, installation.CompanyId, ex is OperationCanceledException ? "no answer in time" : ex.Message);
            return null;
        }
    }

    private GhlConnection Connection(GhlOAuthApp app, GhlInstallation installation, string locationId) => new()
    {
        IntegrationId = 0, LocationId = locationId, BaseUrl = app.ApiBaseUrl, ApiVersion = GhlConnections.DefaultApiVersion,
        AccessToken = secrets.AccessToken(installation),
    };
}
