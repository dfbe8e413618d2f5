using System.Text.RegularExpressions;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// ASP.NET Core's parameter binding failures are written for developers ("Failed to bind parameter
/// \"Nullable&lt;int&gt; page\""); this says the same to the API's user, naming the field and what it accepts.
/// </summary>
internal static partial class BindingMessages
{
    public static string ForUser(string message, int statusCode)
    {
        if (statusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return "Send the body as JSON: Content-Type: application/json.";
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || message.Contains("was not provided from body", StringComparison.Ordinal))
        {
            return "This route needs a JSON body.";
        }

        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            return $"{failed.Groups["name"].Value} must be {Accepts(failed.Groups["type"].Value)}.";
        }

        if (Missing().Match(message) is { Success: true } missing)
        {
            return $"{missing.Groups["name"].Value} is required.";
        }

        return "The request could not be read.";
    }

    private static string Accepts(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>') switch
    {
        "int" or "long" or "short" => "a whole number",
        "decimal" or "double" or "float" => "a number",
        "bool" => "true or false",
        "DateTime" or "DateTimeOffset" => "an ISO-8601 date and time",
        "Guid" => "a GUID",
        _ => "a valid " + type,
    };

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[A-Za-z0-9_]+)\" from")]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[A-Za-z0-9_]+)\" was not provided")]
    private static partial Regex Missing();
}
