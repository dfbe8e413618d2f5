using System.Text;
using System.Text.Json;

namespace IntegrationHub.Web.AdminConsole.Forms;

/// <summary>
/// What is wrong with JSON that does not parse, in plain words and where (line and column counted from 1), instead of
/// the parser's own text ("... Change the reader options. LineNumber: 0 | BytePositionInLine: 12.").
/// </summary>
public static class JsonSyntax
{
    public static string Describe(JsonException error, string text)
    {
        var line = (int)(error.LineNumber ?? 0);
        var column = Column(text, line, (int)(error.BytePositionInLine ?? 0));
        return $"Not valid JSON: {Problem(error.Message, text, line, column)} (line {line + 1}, column {column + 1}).";
    }

    private static string Problem(string parserMessage, string text, int line, int column)
    {
        bool Says(string words) => parserMessage.Contains(words, StringComparison.OrdinalIgnoreCase);
        if (Says("trailing comma"))
        {
            return "a comma before a closing } or ] (remove it)";
        }

        if (Says("open JSON object or array") || Says("Expected depth to be zero") || Says("end of data was reached"))
        {
            return "it ends before every { and [ is closed";
        }

        if (Says("does not contain any JSON tokens"))
        {
            return "there is no JSON value";
        }

        if (Says("after a single JSON value") || Says("Expected end of"))
        {
            return "there is more text after the end of the value";
        }

        var found = Found(text, line, column);
        if (found == '/')
        {
            return "JSON does not allow comments";
        }

        if (Says("property name") && found == '\'')
        {
            return "names and text need double quotes (\"), not single ones";
        }

        if (Says("Invalid property identifier") || (Says("property name") && !Says("after a property name")))
        {
            return $"expected a property name in double quotes{Quoted(found)}";
        }

        if (Says("after a property name"))
        {
            return $"expected a ':' after the property name{Quoted(found)}";
        }

        if (Says("after a value"))
        {
            return $"expected a ',' or a closing }} or ]{Quoted(found)}";
        }

        if (Says("escapable character") || Says("escape"))
        {
            return "a backslash escape that JSON does not know";
        }

        if (Says("invalid start of a value") || Says("literal") || Says("number"))
        {
            return found == '\''
                ? "text needs double quotes (\"), not single ones"
                : $"expected a value (text in double quotes, a number, true, false, null, {{...}} or [...]){Quoted(found)}";
        }

        return "the text is not JSON here";
    }

    private static string Quoted(char? found) => found is { } c ? $" but found '{c}'" : "";

    private static char? Found(string text, int line, int column)
    {
        var lines = text.Split('\n');
        return line < lines.Length && column < lines[line].Length ? lines[line][column] : null;
    }

    // The parser counts bytes of UTF-8; people count characters.
    private static int Column(string text, int line, int bytePosition)
    {
        var lines = text.Split('\n');
        if (line >= lines.Length)
        {
            return bytePosition;
        }

        var bytes = Encoding.UTF8.GetBytes(lines[line]);
        return Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(bytePosition, bytes.Length));
    }
}
