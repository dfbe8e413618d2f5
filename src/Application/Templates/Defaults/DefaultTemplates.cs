using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Templates;

/// <summary>The templates every new installation starts with (seeded once, on first start).</summary>
public static class DefaultTemplates
{
    public const string GoHighLevel = "gohighlevel";

    /// <summary>Each with the kind it is created with: an admin's own templates are <see cref="IntegrationKind.Generic"/>.</summary>
    public static IReadOnlyList<(string Name, IntegrationKind Kind, TemplateDetails Details)> All { get; } =
    [
        (GoHighLevel, IntegrationKind.GoHighLevel, new TemplateDetails(
            DisplayName: "GoHighLevel CRM",
            Description: "Sync contacts with a GoHighLevel (LeadConnector) location and receive its webhooks.",
            Category: "CRM",
            Icon: "gohighlevel",
            IsActive: true,
            ConfigSchema: GoHighLevelSchema,
            SetupInstructions: GoHighLevelInstructions,
            WebhookUrl: null,
            ApiVersion: "2021-07-28")),
        ("facebook_ads", IntegrationKind.Generic, new TemplateDetails(
            DisplayName: "Facebook Advertising",
            Description: "Lead ads from a Facebook ad account (not available yet).",
            Category: "Advertising",
            Icon: "facebook",
            IsActive: false,
            ConfigSchema: FacebookAdsSchema,
            SetupInstructions: "# Facebook Ads\n\nCreate a system-user access token with `ads_read` and `leads_retrieval`, then enter it with the ad account id.",
            WebhookUrl: null,
            ApiVersion: "v21.0")),
        ("google_analytics", IntegrationKind.Generic, new TemplateDetails(
            DisplayName: "Google Analytics",
            Description: "Conversion reporting to a GA4 property (not available yet).",
            Category: "Analytics",
            Icon: "google-analytics",
            IsActive: false,
            ConfigSchema: GoogleAnalyticsSchema,
            SetupInstructions: "# Google Analytics\n\nCreate a service account with Viewer access to the GA4 property and paste its JSON key.",
            WebhookUrl: null,
            ApiVersion: "v1beta")),
    ];

    private const string GoHighLevelSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["apiKey", "locationId"],
          "properties": {
            "apiKey": { "type": "string", "title": "API Key", "description": "GoHighLevel Private Integration Token or OAuth location access token", "format": "password", "minLength": 1 },
            "locationId": { "type": "string", "title": "Location ID", "description": "GHL sub-account (location) id", "minLength": 1 },
            "calendarId": { "type": "string", "title": "Calendar ID", "description": "Optional calendar id for bookings" },
            "webhookUrl": { "type": "string", "title": "Webhook URL", "description": "Hub endpoint GoHighLevel posts to (set by webhook setup)" },
            "apiVersion": { "type": "string", "title": "API Version", "description": "Value of the Version header", "default": "2021-07-28" },
            "baseUrl": { "type": "string", "title": "Base URL", "format": "uri", "default": "https://services.leadconnectorhq.com" },
            "clientId": { "type": "string", "title": "OAuth Client ID", "description": "For OAuth-based integrations" },
            "clientSecret": { "type": "string", "title": "OAuth Client Secret", "description": "For OAuth-based integrations", "format": "password" },
            "refreshToken": { "type": "string", "title": "OAuth Refresh Token", "description": "For OAuth-based integrations", "writeOnly": true },
            "syncIntervalMinutes": { "type": "integer", "title": "Contact sync interval (minutes)", "description": "Daily by default: GoHighLevel does not resend webhooks it failed to deliver, so a regular sync reconciles; 0 turns it off", "minimum": 0, "maximum": 10080, "default": 1440 },
            "allowUnsignedWebhooks": { "type": "boolean", "title": "Accept unsigned webhooks", "description": "Only for senders that can neither sign nor send a header. Anyone who knows the location id can then post events.", "default": false },
            "conflictPolicy": { "type": "string", "title": "Conflict policy", "description": "When the hub and GoHighLevel both changed a contact field: the later change wins (lastWriteWins), or both stay until someone resolves the conflict (manual)", "enum": ["lastWriteWins", "manual"], "default": "lastWriteWins" },
            "bookingSync": { "type": "string", "title": "Booking sync", "description": "How the hub's bookings appear in the calendar: as blocked time (blockSlot), as appointments for the lead's contact (appointment), or not at all (off)", "enum": ["blockSlot", "appointment", "off"], "default": "blockSlot" }
          }
        }
        """;

    private const string FacebookAdsSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["accessToken", "adAccountId"],
          "properties": {
            "accessToken": { "type": "string", "title": "Access Token", "format": "password", "minLength": 1 },
            "adAccountId": { "type": "string", "title": "Ad Account ID", "pattern": "^act_[0-9]+$" }
          }
        }
        """;

    private const string GoogleAnalyticsSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["serviceAccountJson", "propertyId"],
          "properties": {
            "serviceAccountJson": { "type": "string", "title": "Service Account JSON", "writeOnly": true, "minLength": 1 },
            "propertyId": { "type": "string", "title": "GA4 Property ID", "pattern": "^[0-9]+$" }
          }
        }
        """;

    private const string GoHighLevelInstructions = """
        # Connect GoHighLevel

        1. In GoHighLevel open **Settings → Private Integrations** of the sub-account (location) and create a
           token with the scopes `contacts.readonly`, `contacts.write`, `locations.readonly` and
           `calendars.readonly`, `calendars/events.write`.
        2. Copy the token into **API Key** and the location id (Settings → Business Profile) into **Location ID**.
        3. Save, then run **Test connection**: the integration becomes *active* when GoHighLevel answers.
        4. Run **Set up webhook** to get the hub's webhook URL and secret, and follow the steps it returns to
           send contact and message events from a workflow or a Marketplace app.
        """;
}
