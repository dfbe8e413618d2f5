using FluentValidation;
using IntegrationHub.Application.Common.Validation;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>The rules a lead's fields follow wherever they are written (creation, edit), kept in one place.</summary>
public static class LeadFieldRules
{
    public const int MaxTags = 100, MaxCustomFields = 200, MaxCustomFieldIdLength = 100;

    public static IRuleBuilderOptions<T, string?> LeadEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.EmailAddressByHubRule().MaximumLength(Lead.MaxLength.Email);

    public static IRuleBuilderOptions<T, string?> LeadPhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Lead.MaxLength.Phone).Matches(@"^\+?[0-9 ()\-.]{3,}$").WithMessage("phone must be a phone number.");

    public static IRuleBuilderOptions<T, string?> LeadTimezone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(tz => tz is null || TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _)).WithMessage("timezone must be an IANA time zone id.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> LeadTags<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(t => t is null || t.Count <= MaxTags).WithMessage($"At most {MaxTags} tags.");
}
