using FluentValidation;
using IntegrationHub.Application.Common.Validation;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>The rules a lead's fields follow wherever they are written (creation, edit), kept in one place.</summary>
public static partial class LeadFieldRules
{
    public const int MaxTags = 100, MaxCustomFields = 200, MaxCustomFieldIdLength = 100;

    public static IRuleBuilderOptions<T, string?> LeadEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.EmailAddressByHubRule().MaximumLength(Lead.MaxLength.Email);

    /// <summary>Digits with the usual separators, and at least <see cref="MinPhoneDigits"/> digits ("---" is no phone number).</summary>
    public static IRuleBuilderOptions<T, string?> LeadPhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Lead.MaxLength.Phone)
            .Must(p => p is null || (PhoneShape().IsMatch(p) && p.Count(char.IsAsciiDigit) >= MinPhoneDigits))
            .WithMessage("Phone must be a phone number such as +14155550123.");

    /// <summary>
    /// An IANA id only: on Linux the system also finds Windows ids ("Eastern Standard Time"), which GoHighLevel does not
    /// take, so the zone found must have an IANA id.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> LeadTimezone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(tz => tz is null || (TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var zone) && zone.HasIanaId))
            .WithMessage("Time zone must be an IANA time zone id such as America/New_York.");

    public const int MinPhoneDigits = 3;

    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9 ()\-.]{3,}$")]
    private static partial System.Text.RegularExpressions.Regex PhoneShape();

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> LeadTags<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(t => t is null || t.Count <= MaxTags).WithMessage($"At most {MaxTags} tags.");
}
