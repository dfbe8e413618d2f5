using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// A GoHighLevel integration's config, read in one place. Secrets are present only when read from the decrypted
/// config; plain fields (location, calendar, interval, flags) read the same from the stored JSON.
/// </summary>
public sealed record GhlConfig
{
    public string? LocationId { get; init; }
    public string? ApiKey { get; init; }
    public string? BaseUrl { get; init; }
    public string? ApiVersion { get; init; }
    public string? CalendarId { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public string? RefreshToken { get; init; }
    public DateTime? AccessTokenExpiresAt { get; init; }
    public DateTime? TokensRefreshedAt { get; init; }

    /// <summary>How a Marketplace-app connection is renewed: <c>location</c> (its own refresh token) or <c>agency</c> (through the agency install).</summary>
    public string? OAuth { get; init; }

    /// <summary>The agency (company) whose install renews an <c>oauth: agency</c> integration's token.</summary>
    public string? CompanyId { get; init; }

    /// <summary>Minutes between scheduled contact syncs; 0 turns them off.</summary>
    public int SyncIntervalMinutes { get; init; }

    /// <summary>The admin's explicit choice to accept unsigned webhooks for this location.</summary>
    public bool AllowUnsignedWebhooks { get; init; }

    /// <summary>What happens when the hub and GoHighLevel both changed a contact field (<c>conflictPolicy</c>; default last write wins).</summary>
    public Domain.Leads.ConflictPolicy ConflictPolicy { get; init; }

    /// <summary>How the sub-account's bookings are mirrored in its calendar (<c>bookingSync</c>; default a block slot).</summary>
    public BookingSync BookingSync { get; init; }

    /// <summary>
    /// The config values of a fresh OAuth grant, written the same way by the connect callback, agency links and renewals:
    /// the access token, the refresh token when the grant has one (a location token of an agency install has none),
    /// and the two instants the console shows, in UTC.
    /// </summary>
    public static JsonObject TokenValues(GhlTokenGrant grant, DateTime now, bool keepRefreshToken = true)
    {
        var values = new JsonObject
        {
            ["apiKey"] = grant.AccessToken,
            ["accessTokenExpiresAt"] = Instant(grant.ExpiresAt(now)),
            ["tokensRefreshedAt"] = Instant(now),
        };
        if (keepRefreshToken && grant.RefreshToken is { } refresh)
        {
            values["refreshToken"] = refresh;
        }

        return values;
    }

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static GhlConfig Read(string configJson) => Read(JsonNode.Parse(configJson) as JsonObject ?? []);

    public static GhlConfig Read(JsonObject config) => new()
    {
        LocationId = Text(config, "locationId"),
        ApiKey = Text(config, "apiKey"),
        BaseUrl = Text(config, "baseUrl"),
        ApiVersion = Text(config, "apiVersion"),
        CalendarId = Text(config, "calendarId"),
        ClientId = Text(config, "clientId"),
        ClientSecret = Text(config, "clientSecret"),
        RefreshToken = Text(config, "refreshToken"),
        AccessTokenExpiresAt = Instant(config, "accessTokenExpiresAt"),
        TokensRefreshedAt = Instant(config, "tokensRefreshedAt"),
        OAuth = Text(config, "oauth"),
        CompanyId = Text(config, "companyId"),
        SyncIntervalMinutes = config["syncIntervalMinutes"] is JsonValue interval && interval.TryGetValue<int>(out var minutes) ? minutes : 0,
        AllowUnsignedWebhooks = config["allowUnsignedWebhooks"] is JsonValue allow && allow.TryGetValue<bool>(out var allowed) && allowed,
        ConflictPolicy = Domain.Leads.ConflictRules.ParseConfig(Text(config, "conflictPolicy")),
        BookingSync = Text(config, "bookingSync") switch
        {
            "appointment" => BookingSync.Appointment,
            "off" => BookingSync.Off,
            _ => BookingSync.BlockSlot,
        },
    };

    private static DateTime? Instant(JsonObject config, string name) =>
        DateTime.TryParse(Text(config, name), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
            out var instant) ? instant : null;

    private static string? Text(JsonObject config, string name) =>
        config[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}

/// <summary>
/// <c>bookingSync</c>: a booking blocks its time in the calendar (<c>blockSlot</c>, the seed's design), becomes a real
/// appointment for the lead's contact (<c>appointment</c>), or stays in the hub (<c>off</c>).
/// </summary>
public enum BookingSync
{
    BlockSlot,
    Appointment,
    Off,
}
