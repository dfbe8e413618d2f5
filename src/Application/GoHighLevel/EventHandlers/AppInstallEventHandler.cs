using IntegrationHub.Domain.Common;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Integrations;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// GoHighLevel's app lifecycle events. <c>AppUninstall</c> for a location disconnects its integration, for an agency
/// marks the install uninstalled and disconnects every integration linked through it, each with the reason shown;
/// <c>AppInstall</c> is recorded (a location whose integration an uninstall disconnected says it needs reconnecting: the
/// event brings no token); <c>LocationCreate</c> adds the new location to an install that covers future locations.
/// Events about an agency or location the hub does not know are processed with nothing to do, never retried.
/// </summary>
public sealed class AppInstallEventHandler(
    IAppDbContext db, IntegrationCreation creation, IIntegrations integrations, TimeProvider clock, ILogger<AppInstallEventHandler> logger)
    : IWebhookEventHandler
{
    public const string UninstalledReason = "Uninstalled in GoHighLevel: the app was removed there. Install it again and reconnect to resume.";

    public const string ReinstalledReason = "The app was installed again in GoHighLevel: reconnect (or link the location again) to resume; " +
        "the install event brings no token.";

    public bool Handles(string eventType) =>
        eventType is WebhookParser.AppInstall or WebhookParser.AppUninstall or WebhookParser.LocationCreate;

    public Task PrepareAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AfterCommitAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Forget()
    {
    }

    public async Task HandleAsync(ParsedEvent parsed, CancellationToken cancellationToken)
    {
        var payload = parsed.Webhook.Payload;
        var companyId = payload.Text("companyId");
        var outcome = parsed.Event.EventType switch
        {
            WebhookParser.AppUninstall when parsed.Webhook.LocationId is { } location => await UninstallLocationAsync(parsed, location, cancellationToken),
            WebhookParser.AppUninstall => await UninstallCompanyAsync(companyId!, cancellationToken),
            WebhookParser.AppInstall => await InstallAsync(parsed, companyId, payload.Text("companyName"), cancellationToken),
            _ => await LocationCreatedAsync(companyId, parsed.Webhook.LocationId!, payload.Text("name"), cancellationToken),
        };
        logger.LogInformation("GoHighLevel {EventType} event {EventId} (company {CompanyId}, location {LocationId}): {Outcome}",
            parsed.Event.EventType, parsed.Event.Id, companyId, parsed.Webhook.LocationId, outcome);
    }

    private async Task<string> UninstallLocationAsync(ParsedEvent parsed, string locationId, CancellationToken cancellationToken)
    {
        var integration = await IntegrationOfAsync(parsed, locationId, cancellationToken);
        if (integration is null)
        {
            return "no integration has this location; nothing to disconnect";
        }

        return Disconnect(integration) ? $"integration {integration.Id} disconnected" : $"integration {integration.Id} was already disconnected";
    }

    private async Task<string> UninstallCompanyAsync(string companyId, CancellationToken cancellationToken)
    {
        var installation = await FindAsync(companyId, cancellationToken);
        if (installation is null)
        {
            return "no agency install of this company is known; nothing to do";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        installation.Uninstall(now);
        var disconnected = new List<int>();
        foreach (var id in installation.Locations.Select(l => l.IntegrationId).OfType<int>())
        {
            if (await integrations.FindAsync(id, cancellationToken) is { } integration && Disconnect(integration))
            {
                disconnected.Add(integration.Id);
            }
        }

        return $"install marked uninstalled; {disconnected.Count} linked integration(s) disconnected" +
            (disconnected.Count > 0 ? $" ({string.Join(", ", disconnected)})" : "");
    }

    private async Task<string> InstallAsync(ParsedEvent parsed, string? companyId, string? companyName, CancellationToken cancellationToken)
    {
        var installation = companyId is null ? null : await FindAsync(companyId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (installation is not null && companyName is not null && installation.CompanyName is null)
        {
            installation.Rename(companyName, now);
        }

        var notes = new List<string>();
        if (parsed.Webhook.LocationId is { } locationId)
        {
            if (installation is { UninstalledAt: null } && installation.Locations.All(l => l.LocationId != locationId))
            {
                installation.AddLocation(locationId, null, now);
                notes.Add("location added to the agency install");
            }

            var integration = await IntegrationOfAsync(parsed, locationId, cancellationToken);
            if (integration is { Status: IntegrationStatus.Disconnected })
            {
                // Not switched back on by itself: the event carries no token, and only the admin knows it should resume.
                integration.RecordFailure(ReinstalledReason, now);
                notes.Add($"integration {integration.Id} is disconnected: the admin must reconnect it");
            }
            else if (integration is not null)
            {
                notes.Add($"integration {integration.Id} is {integration.Status.ToApiName()}");
            }
            else
            {
                notes.Add("no integration has this location yet");
            }
        }

        notes.Add(installation is null ? "no agency install of this company is known" : "agency install known");
        return "recorded; " + string.Join("; ", notes);
    }

    private async Task<string> LocationCreatedAsync(string? companyId, string locationId, string? name, CancellationToken cancellationToken)
    {
        var installation = companyId is null ? null : await FindAsync(companyId, cancellationToken);
        if (installation is null)
        {
            return "no agency install of this company is known; nothing to do";
        }

        if (installation.UninstalledAt is not null || !installation.InstallToFutureLocations)
        {
            return "the agency install does not cover new locations; not added";
        }

        installation.AddLocation(locationId, name, clock.GetUtcNow().UtcDateTime);
        return "location added to the agency install, ready to link";
    }

    private bool Disconnect(Integration integration)
    {
        if (integration.Status == IntegrationStatus.Disconnected)
        {
            return false;
        }

        integration.Disconnect(clock.GetUtcNow().UtcDateTime, UninstalledReason);
        return true;
    }

    private async Task<Integration?> IntegrationOfAsync(ParsedEvent parsed, string locationId, CancellationToken cancellationToken) =>
        parsed.Event.IntegrationId is { } id
            ? await integrations.FindAsync(id, cancellationToken)
            : await creation.HolderOfLocationAsync(locationId, cancellationToken);

    private Task<GhlInstallation?> FindAsync(string companyId, CancellationToken cancellationToken) =>
        db.GhlInstallations.Include(i => i.Locations).SingleOrDefaultAsync(i => i.CompanyId == companyId, cancellationToken);
}
