using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Web.AdminConsole;

/// <summary>
/// An OAuth GoHighLevel connection's token state for the integration page, from the config's plain fields
/// (<c>accessTokenExpiresAt</c>, <c>tokensRefreshedAt</c>, <c>oauth</c>, <c>companyId</c>): when the access token expires,
/// when it was last renewed and how it is renewed. Never a token: those are masked before they reach the console.
/// </summary>
public static class TokenStateText
{
    /// <summary>Null for a connection without renewable tokens (a Private Integration Token).</summary>
    public static string? Describe(JsonElement config)
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var oauth = Text(config, "oauth");
        var through = oauth switch
        {
            "agency" => $"the agency install {Text(config, "companyId") ?? "(company not set)"}",
            "location" => "its own refresh token",
            _ when Text(config, "clientId") is not null && Text(config, "refreshToken") is not null => "its own refresh token (app configured by hand)",
            _ => null,
        };
        if (through is null)
        {
            return null;
        }

        var expires = Instant(config, "accessTokenExpiresAt");
        var refreshed = Instant(config, "tokensRefreshedAt");
        return $"Expires {(expires is null ? "at an unknown time" : ConsolePage.When(expires))}; last renewed " +
            $"{(refreshed is null ? "never (as connected)" : ConsolePage.When(refreshed))}; renewed through {through}.";
    }

    private static string? Text(JsonElement config, string name) =>
        config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static DateTime? Instant(JsonElement config, string name) =>
        DateTime.TryParse(Text(config, name), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at : null;
}
