using System.Globalization;
using IntegrationHub.Application.Common.Exceptions;

namespace IntegrationHub.Web.AdminConsole;

/// <summary>
/// What a list page's filter form (a plain GET form) sends back in its query string, read as the Application layer
/// takes it: an empty box means no filter, and a number typed wrong is the same validation problem the API gives.
/// </summary>
public static class FilterInput
{
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A whole number typed into a filter (an id, a page), or null when the box is empty.</summary>
    public static int? Number(string field, string? text) =>
        Blank(text) is not { } value ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : throw new ValidationException(field, $"{field} must be a whole number.");
}
