using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Web.AdminConsole.Forms;

/// <summary>The JSON value of what was typed into a field of a given kind.</summary>
internal static class FieldValue
{
    /// <summary>Null when the text is a value of the kind (set in <paramref name="value"/>), else what is wrong with it.</summary>
    public static string? Parse(FieldKind kind, string text, out JsonNode? value)
    {
        value = null;
        switch (kind)
        {
            case FieldKind.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                value = JsonValue.Create(whole);
                return null;
            case FieldKind.Integer:
                return "Enter a whole number.";
            case FieldKind.Number when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                value = JsonValue.Create(number);
                return null;
            case FieldKind.Number:
                return "Enter a number.";
            case FieldKind.Json:
                try
                {
                    value = JsonNode.Parse(text);
                    return null;
                }
                catch (JsonException)
                {
                    return "Enter valid JSON.";
                }

            default:
                value = JsonValue.Create(text);
                return null;
        }
    }
}
