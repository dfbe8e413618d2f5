using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;
using Mediator;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// What a code exchange's tokens become, the same whether the connect was started in the hub (a state names the
/// sub-account and the admin) or in GoHighLevel's Marketplace (no state, the system acts): a location's integration
/// updated or created and tested, or an agency's installation stored.
/// </summary>
public sealed class GhlConnectGrants(
    IAppDbContext db, GhlInstallationSecrets installationSecrets, IntegrationCreation creation, GhlConnections connections,
    IMediator mediator, TimeProvider clock)
{
    /// <summary>The integration that holds the location, or null.</summary>
    public Task<Integration?> HolderOfAsync(string locationId, CancellationToken cancellationToken) =>
        creation.HolderOfLocationAsync(locationId, cancellationToken);

    /// <summary>The holder's config replaced by the grant's tokens (as its own, location-level OAuth); staged.</summary>
    public async Task UpdateAsync(Integration holder, GhlOAuthApp app, GhlTokenGrant grant, DateTime now, CancellationToken cancellationToken)
    {
        var config = LocationConfig(app, grant, now);
        // The app's client id and secret live in the settings, never in a config; an agency link's company goes too.
        config["clientId"] = null;
        config["clientSecret"] = null;
        config["companyId"] = null;
        await connections.MergeConfigAsync(holder, config, cancellationToken);
    }

    /// <summary>A new GoHighLevel integration of the sub-account for the grant's location; staged.</summary>
    public async Task<Integration> CreateAsync(int subAccountId, int adminId, GhlOAuthApp app, GhlTokenGrant grant, DateTime now,
        CancellationToken cancellationToken)
    {
        var template = await creation.ActiveTemplateOfKindAsync(IntegrationKind.GoHighLevel, cancellationToken);
        return await creation.StageAsync(subAccountId, template, "GoHighLevel " + grant.LocationId, "Connected with the GoHighLevel Marketplace app.",
            JsonSerializer.SerializeToElement(LocationConfig(app, grant, now)), adminId, cancellationToken);
    }

    /// <summary>
    /// Saves, tests the connection and, when it passes, switches a disconnected integration back on (connecting again is
    /// the explicit wish to use it; a plain test leaves it off). True when the test passed.
    /// </summary>
    public async Task<bool> SaveAndTestAsync(Integration integration, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var test = await mediator.Send(new TestConnectionCommand(integration.Id), cancellationToken);
        if (test.Success && integration.Status == IntegrationStatus.Disconnected)
        {
            integration.RecordSuccess(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        return test.Success;
    }

    /// <summary>The agency's installation stored (new) or reinstalled with the grant's tokens and approved locations; saved.</summary>
    public async Task InstallAgencyAsync(GhlTokenGrant grant, int? adminId, DateTime now, CancellationToken cancellationToken)
    {
        var companyId = grant.CompanyId!;
        var installGrant = installationSecrets.Grant(companyId, grant, now);
        var installation = await db.GhlInstallations.Include(i => i.Locations).FirstOrDefaultAsync(i => i.CompanyId == companyId, cancellationToken);
        if (installation is null)
        {
            db.GhlInstallations.Add(GhlInstallation.Install(companyId, installGrant, adminId, now));
        }
        else
        {
            installation.Reinstall(installGrant, adminId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static JsonObject LocationConfig(GhlOAuthApp app, GhlTokenGrant grant, DateTime now)
    {
        var config = GhlConfig.TokenValues(grant, now);
        config["locationId"] = grant.LocationId;
        config["baseUrl"] = app.ApiBaseUrl.GetLeftPart(UriPartial.Authority);
        config["oauth"] = "location";
        return config;
    }}
