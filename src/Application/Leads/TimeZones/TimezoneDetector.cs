using NodaTime.TimeZones;
using PhoneNumbers;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// Guesses a contact's IANA time zone from what a CRM knows about it. Precedence, strongest first:
/// <list type="number">
/// <item>country (tzdb zone locations): a country with one zone decides alone;</item>
/// <item>state or province (US, Canada, Australia) within that country;</item>
/// <item>phone number (libphonenumber's zone map), kept only if it agrees with the country;</item>
/// <item>the sub-account's own zone if it lies in the country, else the country's principal zone;</item>
/// <item>with no usable country: a phone number that maps to exactly one zone, else the sub-account's zone.</item>
/// </list>
/// Real payloads are messy (a German address with an Indian phone number): the country wins such conflicts,
/// because the address is what the contact typed about themselves.
/// </summary>
public static class TimezoneDetector
{
    private static readonly ILookup<string, string> ZonesByCountry =
        TzdbDateTimeZoneSource.Default.ZoneLocations!.ToLookup(z => z.CountryCode, z => z.ZoneId, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> CountryCodes = BuildCountryCodes();

    public static string Detect(string? country, string? state, string? postalCode, string? phone, string fallbackZone)
    {
        var code = CountryCode(country) ?? CountryFromPhone(phone);
        var candidates = code is null ? [] : ZonesByCountry[code].ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        if (candidates.Count > 1)
        {
            if (RegionZones.ByRegion(code!, state) is { } byState && candidates.Contains(byState))
            {
                return byState;
            }

            var byPhone = PhoneZones(phone, code).Where(candidates.Contains).ToList();
            if (byPhone.Count == 1)
            {
                return byPhone[0];
            }

            return candidates.Contains(fallbackZone) ? fallbackZone : candidates[0];
        }

        var phoneOnly = PhoneZones(phone, null).ToList();
        return phoneOnly.Count == 1 ? phoneOnly[0] : fallbackZone;
    }

    /// <summary>An ISO 3166 alpha-2 code from a code, a common alias or a country name; null if unknown.</summary>
    public static string? CountryCode(string? country)
    {
        if (string.IsNullOrWhiteSpace(country))
        {
            return null;
        }

        var key = country.Trim();
        if (key.Length == 2 && ZonesByCountry.Contains(key))
        {
            return key.ToUpperInvariant();
        }

        return CountryCodes.GetValueOrDefault(Normalise(key));
    }

    private static string? CountryFromPhone(string? phone)
    {
        var number = ParsePhone(phone, null);
        if (number is null)
        {
            return null;
        }

        var region = PhoneNumberUtil.GetInstance().GetRegionCodeForNumber(number);
        return region is null or "ZZ" ? null : region;
    }

    private static IEnumerable<string> PhoneZones(string? phone, string? region)
    {
        var number = ParsePhone(phone, region);
        if (number is null)
        {
            return [];
        }

        return PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(number).Where(z => z != "Etc/Unknown");
    }

    private static PhoneNumber? ParsePhone(string? phone, string? region)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 40)
        {
            return null;
        }

        try
        {
            var number = PhoneNumberUtil.GetInstance().Parse(phone, region ?? "ZZ");
            return PhoneNumberUtil.GetInstance().IsValidNumber(number) ? number : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> BuildCountryCodes()
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var location in TzdbDateTimeZoneSource.Default.ZoneLocations!)
        {
            codes.TryAdd(Normalise(location.CountryName), location.CountryCode);
        }

        foreach (var (alias, code) in new[]
        {
            ("usa", "US"), ("united states of america", "US"), ("america", "US"), ("uk", "GB"), ("united kingdom", "GB"),
            ("great britain", "GB"), ("england", "GB"), ("scotland", "GB"), ("wales", "GB"), ("deutschland", "DE"),
            ("can", "CA"), ("aus", "AU"), ("mex", "MX"), ("deu", "DE"), ("gbr", "GB"), ("fra", "FR"), ("ind", "IN"),
            ("esp", "ES"), ("ita", "IT"), ("bra", "BR"), ("nld", "NL"), ("holland", "NL"), ("the netherlands", "NL"),
        })
        {
            codes[alias] = code;
        }

        return codes;
    }

    private static string Normalise(string text) => text.Trim().ToLowerInvariant().Replace(".", "", StringComparison.Ordinal);
}

/// <summary>State and province → zone for the large multi-zone countries where contacts usually give one.</summary>
internal static class RegionZones
{
    private static readonly Dictionary<string, string> Zones = Build();

    public static string? ByRegion(string countryCode, string? region) =>
        string.IsNullOrWhiteSpace(region) ? null : Zones.GetValueOrDefault($"{countryCode.ToUpperInvariant()}:{region.Trim().ToUpperInvariant()}");

    private static Dictionary<string, string> Build()
    {
        const string E = "America/New_York", C = "America/Chicago", M = "America/Denver", P = "America/Los_Angeles";
        var us = new (string Code, string Name, string Zone)[]
        {
            ("AL", "ALABAMA", C), ("AK", "ALASKA", "America/Anchorage"), ("AZ", "ARIZONA", "America/Phoenix"), ("AR", "ARKANSAS", C),
            ("CA", "CALIFORNIA", P), ("CO", "COLORADO", M), ("CT", "CONNECTICUT", E), ("DE", "DELAWARE", E), ("DC", "DISTRICT OF COLUMBIA", E),
            ("FL", "FLORIDA", E), ("GA", "GEORGIA", E), ("HI", "HAWAII", "Pacific/Honolulu"), ("ID", "IDAHO", "America/Boise"),
            ("IL", "ILLINOIS", C), ("IN", "INDIANA", "America/Indiana/Indianapolis"), ("IA", "IOWA", C), ("KS", "KANSAS", C),
            ("KY", "KENTUCKY", E), ("LA", "LOUISIANA", C), ("ME", "MAINE", E), ("MD", "MARYLAND", E), ("MA", "MASSACHUSETTS", E),
            ("MI", "MICHIGAN", "America/Detroit"), ("MN", "MINNESOTA", C), ("MS", "MISSISSIPPI", C), ("MO", "MISSOURI", C),
            ("MT", "MONTANA", M), ("NE", "NEBRASKA", C), ("NV", "NEVADA", P), ("NH", "NEW HAMPSHIRE", E), ("NJ", "NEW JERSEY", E),
            ("NM", "NEW MEXICO", M), ("NY", "NEW YORK", E), ("NC", "NORTH CAROLINA", E), ("ND", "NORTH DAKOTA", C), ("OH", "OHIO", E),
            ("OK", "OKLAHOMA", C), ("OR", "OREGON", P), ("PA", "PENNSYLVANIA", E), ("RI", "RHODE ISLAND", E), ("SC", "SOUTH CAROLINA", E),
            ("SD", "SOUTH DAKOTA", C), ("TN", "TENNESSEE", C), ("TX", "TEXAS", C), ("UT", "UTAH", M), ("VT", "VERMONT", E),
            ("VA", "VIRGINIA", E), ("WA", "WASHINGTON", P), ("WV", "WEST VIRGINIA", E), ("WI", "WISCONSIN", C), ("WY", "WYOMING", M),
        };
        var ca = new (string Code, string Name, string Zone)[]
        {
            ("AB", "ALBERTA", "America/Edmonton"), ("BC", "BRITISH COLUMBIA", "America/Vancouver"), ("MB", "MANITOBA", "America/Winnipeg"),
            ("NB", "NEW BRUNSWICK", "America/Moncton"), ("NL", "NEWFOUNDLAND AND LABRADOR", "America/St_Johns"), ("NS", "NOVA SCOTIA", "America/Halifax"),
            ("ON", "ONTARIO", "America/Toronto"), ("PE", "PRINCE EDWARD ISLAND", "America/Halifax"), ("QC", "QUEBEC", "America/Toronto"),
            ("SK", "SASKATCHEWAN", "America/Regina"), ("YT", "YUKON", "America/Whitehorse"), ("NT", "NORTHWEST TERRITORIES", "America/Yellowknife"),
            ("NU", "NUNAVUT", "America/Iqaluit"),
        };
        var au = new (string Code, string Name, string Zone)[]
        {
            ("NSW", "NEW SOUTH WALES", "Australia/Sydney"), ("VIC", "VICTORIA", "Australia/Melbourne"), ("QLD", "QUEENSLAND", "Australia/Brisbane"),
            ("SA", "SOUTH AUSTRALIA", "Australia/Adelaide"), ("WA", "WESTERN AUSTRALIA", "Australia/Perth"), ("TAS", "TASMANIA", "Australia/Hobart"),
            ("NT", "NORTHERN TERRITORY", "Australia/Darwin"), ("ACT", "AUSTRALIAN CAPITAL TERRITORY", "Australia/Sydney"),
        };

        var zones = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (country, regions) in new[] { ("US", us), ("CA", ca), ("AU", au) })
        {
            foreach (var (code, name, zone) in regions)
            {
                zones[$"{country}:{code}"] = zone;
                zones[$"{country}:{name}"] = zone;
            }
        }

        return zones;
    }
}
