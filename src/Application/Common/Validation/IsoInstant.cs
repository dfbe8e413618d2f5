using System.Globalization;

namespace IntegrationHub.Application.Common.Validation;

/// <summary>
/// Reads an instant from a query (<c>updatedSince</c>, the audit log's <c>from</c>/<c>to</c>): ISO-8601 with an offset or Z,
/// nothing looser (no local-time guesses, no bare dates).
/// </summary>
public static class IsoInstant
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
    ];

    public static bool TryParse(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        // An unencoded '+' in a query string arrives as a space: "…T10:00:00 02:00" meant "+02:00".
        if (text.Length > 6 && text[^6] == ' ' && text[^3] == ':')
        {
            text = string.Concat(text.AsSpan(0, text.Length - 6), "+", text.AsSpan(text.Length - 5));
        }

        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
