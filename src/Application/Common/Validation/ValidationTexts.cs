using System.Globalization;
using System.Reflection;
using FluentValidation;
using FluentValidation.Resources;

namespace IntegrationHub.Application.Common.Validation;

/// <summary>
/// How validation messages read, for the console and the API alike: fields by the names people see in the console
/// ("Sub-account is required."), not by their C# names ("'Sub Account Id' must not be empty."). The errors map of a
/// problem stays keyed by JSON field names; only the sentences change.
/// </summary>
public static class ValidationTexts
{
    // The console's labels where a property's own name is not what people see.
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["SubAccountId"] = "Sub-account",
        ["IntegrationTemplateId"] = "Template",
        ["Timezone"] = "Time zone",
        ["Email"] = "E-mail",
        ["PageSize"] = "Page size",
        ["DisplayName"] = "Display name",
        ["WebhookUrl"] = "Webhook URL",
        ["ConfigSchema"] = "Configuration schema",
        ["ErrorMessage"] = "Error message",
        ["StartTime"] = "Start time",
        ["EndTime"] = "End time",
        ["CalendarId"] = "Calendar",
        ["AssignedUserId"] = "Assigned user",
    };

    /// <summary>Sets FluentValidation's process-wide names and sentences (idempotent: every host in a process sets the same).</summary>
    public static void Use()
    {
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : LabelOf(member);
        ValidatorOptions.Global.LanguageManager = new PlainLanguage();
    }

    /// <summary>The label of a property: the console's word for it, or its name as words ("PageSize" reads "Page size").</summary>
    public static string LabelOf(MemberInfo member) => LabelOf(member.Name);

    public static string LabelOf(string propertyName) =>
        Labels.TryGetValue(propertyName, out var label) ? label : Words(propertyName);

    private static string Words(string name)
    {
        var words = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(i == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return words.ToString();
    }

    /// <summary>FluentValidation's English with the field named plainly (no quotes) and no "You entered ..." echo of the value.</summary>
    private sealed class PlainLanguage : LanguageManager
    {
        private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

        private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
        {
            ["NotEmptyValidator"] = "{PropertyName} is required.",
            ["NotNullValidator"] = "{PropertyName} is required.",
            ["MaximumLengthValidator"] = "{PropertyName} must be at most {MaxLength} characters (it has {TotalLength}).",
            ["MinimumLengthValidator"] = "{PropertyName} must be at least {MinLength} characters (it has {TotalLength}).",
            ["EmailValidator"] = "{PropertyName} is not a valid e-mail address.",
            ["InclusiveBetweenValidator"] = "{PropertyName} must be between {From} and {To}.",
            ["GreaterThanOrEqualValidator"] = "{PropertyName} must be at least {ComparisonValue}.",
            ["GreaterThanValidator"] = "{PropertyName} must be greater than {ComparisonValue}.",
            ["LessThanOrEqualValidator"] = "{PropertyName} must be at most {ComparisonValue}.",
            ["RegularExpressionValidator"] = "{PropertyName} is not in the right format.",
            ["PredicateValidator"] = "{PropertyName} is not valid.",
        };

        // One language whatever the server's culture: the API's messages do not change with the host's locale.
        public override string GetString(string key, CultureInfo? culture = null) =>
            Sentences.TryGetValue(key, out var sentence) ? sentence : base.GetString(key, English);
    }
}
