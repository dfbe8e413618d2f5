using System.Text.Json;

namespace IntegrationHub.Application.Webhooks;

/// <summary>GoHighLevel's app lifecycle events: about an agency install or a location, not always with a <c>locationId</c>.</summary>
public static partial class WebhookParser
{
    /// <summary>GoHighLevel's <c>AppInstall</c> event (its body says <c>"type": "INSTALL"</c>).</summary>
    public const string AppInstall = "AppInstall";

    /// <summary>GoHighLevel's <c>AppUninstall</c> event (its body says <c>"type": "UNINSTALL"</c>).</summary>
    public const string AppUninstall = "AppUninstall";

    public const string LocationCreate = "LocationCreate";

    /// <summary>
    /// The location a native event is about. App lifecycle events may be about a whole agency (an agency-level
    /// <c>UNINSTALL</c> or a Company <c>INSTALL</c> carry <c>companyId</c> only) and are processed without an integration:
    /// they need a location or a company. <c>LocationCreate</c> names its new location <c>id</c>.
    /// </summary>
    private static string? NativeLocation(JsonElement root, string type)
    {
        if (!Domain.Webhooks.WebhookEvent.ProcessedWithoutIntegration(type))
        {
            return RequiredString(root, "locationId");
        }

        var location = type == LocationCreate ? BoundedString(root, "id") : BoundedString(root, "locationId");
        return location ?? (BoundedString(root, "companyId") is not null ? null
            : throw new WebhookFormatException(type == LocationCreate ? "id (the new location) is required." : "locationId or companyId is required."));
    }

    private static string? BoundedString(JsonElement root, string name) =>
        Property(root, name) is null ? null : RequiredString(root, name);
}
