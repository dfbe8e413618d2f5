using System.Text.Json;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Templates;
using IntegrationHub.Application.Tenancy;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// Links a location of an agency install to a sub-account: a location token from the agency token, the sub-account's
/// GoHighLevel integration created (or updated) with it (<c>oauth: "agency"</c>, renewed through the install, no refresh
/// token of its own), its connection tested, the location marked linked. Shared by the one-by-one and all-at-once routes.
/// </summary>
public sealed class GhlInstallationLinks(
    IAppDbContext db, IGhlOAuthApps apps, IGhlOAuthClient oauth, GhlInstallationSecrets secrets, GhlConnections connections,
    IntegrationCreation creation, ITenantDirectory tenants, IGoHighLevelGateway gateway, HealthPolicy policy, TimeProvider clock)
{
    /// <summary>The installation with its locations, tracked; 404 when the app is not configured or the company is unknown.</summary>
    public async Task<GhlInstallation> LoadAsync(string companyId, CancellationToken cancellationToken)
    {
        _ = App();
        return await db.GhlInstallations.Include(i => i.Locations).SingleOrDefaultAsync(i => i.CompanyId == companyId, cancellationToken)
            ?? throw new NotFoundException("GoHighLevel installation", companyId);
    }

    public GhlOAuthApp App() => apps.Current ?? throw new NotFoundException("GoHighLevel app", "configuration");

    /// <summary>An agency that uninstalled the app has no token to link with: 409, saying what to do.</summary>
    public static void EnsureInstalled(GhlInstallation installation)
    {
        if (installation.UninstalledAt is not null)
        {
            throw new ConflictException($"The app was uninstalled from agency '{installation.CompanyId}' in GoHighLevel: install it again " +
                "(Connect with GoHighLevel, choosing the agency) before linking its locations.");
        }
    }

    /// <summary>Checks everything that needs no call to GoHighLevel; throws the conflict or not-found that stops the link.</summary>
    public async Task EnsureLinkableAsync(GhlInstallation installation, GhlInstallationLocation location, int subAccountId,
        CancellationToken cancellationToken)
    {
        EnsureInstalled(installation);
        if (location.SubAccountId is { } linked && linked != subAccountId)
        {
            throw new ConflictException($"The location '{location.LocationId}' is already linked to sub-account {linked}.");
        }

        if (!await tenants.SubAccountExistsAsync(subAccountId, cancellationToken))
        {
            throw new NotFoundException("Sub-account", subAccountId);
        }

        if (await creation.HolderOfLocationAsync(location.LocationId, cancellationToken) is { } holder && holder.SubAccountId != subAccountId)
        {
            throw new ConflictException($"The location '{location.LocationId}' is already connected by integration {holder.Id} of " +
                $"sub-account {holder.SubAccountId}: webhooks are routed by location, so a location can belong to one integration only.");
        }
    }

    /// <summary>Links (or re-links) the location; saves. Returns the integration, tested.</summary>
    public async Task<(Integration Integration, TemplateSummary Template)> LinkAsync(GhlInstallation installation, GhlInstallationLocation location,
        int subAccountId, int? adminId, CancellationToken cancellationToken)
    {
        await EnsureLinkableAsync(installation, location, subAccountId, cancellationToken);
        var app = App();
        var template = await creation.ActiveTemplateOfKindAsync(IntegrationKind.GoHighLevel, cancellationToken);
        var grant = await LocationTokenAsync(installation, location.LocationId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var config = GhlConfig.TokenValues(grant, now, keepRefreshToken: false);
        config["oauth"] = "agency";
        config["companyId"] = installation.CompanyId;
        config["locationId"] = location.LocationId;
        config["baseUrl"] = app.ApiBaseUrl.GetLeftPart(UriPartial.Authority);

        var integration = await creation.HolderOfLocationAsync(location.LocationId, cancellationToken);
        if (integration is null)
        {
            integration = await creation.StageAsync(subAccountId, template, IntegrationName(location), "Linked from the agency's GoHighLevel install.",
                JsonSerializer.SerializeToElement(config), adminId, cancellationToken);
        }
        else
        {
            // Renewed through the agency from now on: a refresh token or app credentials of an earlier connection go.
            config["refreshToken"] = null;
            config["clientId"] = null;
            config["clientSecret"] = null;
            await connections.MergeConfigAsync(integration, config, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        location.Link(subAccountId, integration.Id, now);
        await TestAsync(integration, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (integration, template);
    }

    private static string IntegrationName(GhlInstallationLocation location)
    {
        var name = $"GoHighLevel {location.Name ?? location.LocationId}";
        return name.Length <= Integration.MaxNameLength ? name : name[..Integration.MaxNameLength];
    }

    private async Task<GhlTokenGrant> LocationTokenAsync(GhlInstallation installation, string locationId, CancellationToken cancellationToken)
    {
        try
        {
            return await oauth.LocationTokenAsync(secrets.AccessToken(installation), installation.CompanyId, locationId, cancellationToken);
        }
        catch (GhlOAuthException ex)
        {
            // The same words the other GoHighLevel failures use: a refusal is the install's to fix, an outage is worth a retry.
            throw ex.Failure switch
            {
                GhlOAuthFailure.InvalidGrant or GhlOAuthFailure.Refused when ex.Status is 401 or 403 => new GhlApiException(GhlFailureKind.Unauthorized, ex.Status,
                    $"GoHighLevel refused the agency's token when asked for a token of location '{locationId}': {ex.Message} " +
                    "Install the app for the agency again (Connect with GoHighLevel) and link the location then."),
                GhlOAuthFailure.InvalidGrant or GhlOAuthFailure.Refused => new GhlApiException(GhlFailureKind.Rejected, ex.Status ?? 400,
                    $"GoHighLevel gave no token for location '{locationId}': {ex.Message} Check in GoHighLevel that the agency's install " +
                    "covers this location."),
                _ => new GhlApiException(GhlFailureKind.Unavailable, ex.Status,
                    $"GoHighLevel did not give a token for location '{locationId}': {ex.Message} Try again in a minute."),
            };
        }
    }

    /// <summary>The connection test, as the test route runs it: the status follows the answer.</summary>
    private async Task TestAsync(Integration integration, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(gateway.InteractiveDeadline);
        string? failure = null;
        try
        {
            await gateway.GetLocation(connections.Connect(integration), deadline.Token);
        }
        catch (GhlApiException ex)
        {
            failure = ex.Message;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            failure = $"GoHighLevel did not answer within {gateway.InteractiveDeadline.TotalSeconds:0.#} s; test the connection again later.";
        }

        integration.RecordCheck(failure is null, failure, policy, Random.Shared.NextDouble(), clock.GetUtcNow().UtcDateTime);
    }
}
