using System.Buffers;
using System.Text;

namespace IntegrationHub.Web.Csv;

/// <summary>
/// One CSV cell as RFC 4180 writes it, made safe to open in a spreadsheet. A cell holding a comma, a quote, CR or LF is
/// quoted, its quotes doubled. A cell a spreadsheet would run as a formula (it starts with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or CR) gets a leading <c>'</c>, which spreadsheets read as "this is text" (OWASP's CSV injection
/// advice), so a lead named <c>=HYPERLINK(…)</c> cannot run in the operator's spreadsheet. An E.164 phone number
/// (<c>+</c> and digits) is left as it is: it is data, not a formula, and a prefixed phone would no longer dial.
/// </summary>
internal static class CsvCells
{
    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",\"\r\n");

    public static void Append(StringBuilder row, string value)
    {
        var guarded = StartsAFormula(value) ? "'" + value : value;
        if (guarded.AsSpan().IndexOfAny(NeedQuotes) < 0)
        {
            row.Append(guarded);
            return;
        }

        row.Append('"').Append(guarded.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    public static bool StartsAFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsE164(value);

    /// <summary>"+" and 1 to 15 digits, nothing else (ITU-T E.164).</summary>
    private static bool IsE164(string value) =>
        value.Length is >= 2 and <= 16 && value[0] == '+' && !value.AsSpan(1).ContainsAnyExceptInRange('0', '9');
}
