using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Options;

/// <summary>
/// Turns what configuration binding and options validation throw into lines a person can act on: the setting's
/// name and what it accepts, never the value given (it may be a secret).
/// </summary>
public static partial class SettingErrors
{
    /// <summary>The lines to print for a start-up failure caused by a setting, or null when the failure is something else.</summary>
    public static IReadOnlyList<string>? Describe(Exception error) => error switch
    {
        InvalidSettingException setting => [setting.Message],
        StorageUnavailableException storage => [storage.Message],
        OptionsValidationException validation => validation.Failures.Select(Unwrap).Distinct().ToList(),
        InvalidOperationException binding when BindingFailure().Match(binding.Message) is { Success: true } match =>
            [$"{match.Groups["key"].Value} must be {Accepts(match.Groups["type"].Value)}."],
        AggregateException { InnerExceptions: [var single] } => Describe(single),
        _ when error.InnerException is { } inner => Describe(inner),
        _ => null,
    };

    /// <summary>Data annotations wrap our message in "DataAnnotation validation failed for ...: '&lt;message&gt;'."</summary>
    private static string Unwrap(string failure) =>
        DataAnnotationFailure().Match(failure) is { Success: true } match ? match.Groups["message"].Value : failure;

    private static string Accepts(string typeName)
    {
        var type = Type.GetType(typeName);
        var underlying = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            null => "a value of type " + typeName,
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(underlying)),
            _ when underlying == typeof(int) || underlying == typeof(long) => "a whole number",
            _ when underlying == typeof(double) || underlying == typeof(decimal) => "a number",
            _ when underlying == typeof(bool) => "true or false",
            _ when underlying == typeof(TimeSpan) => "a duration such as 00:00:30",
            _ => "a value of type " + underlying.Name,
        };
    }

    [GeneratedRegex("at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BindingFailure();

    [GeneratedRegex("^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<message>.*)'\\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
