using System.Text;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>
/// A strict RFC 4180 reader for the export tests: a quoted cell may hold commas, doubled quotes and line breaks; outside
/// quotes a quote or a lone line feed is an error; every record, the last included, ends with CRLF.
/// </summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i = ReadQuoted(text, i + 1, cell);
            }

            for (; i < text.Length && text[i] is not ',' and not '\r'; i++)
            {
                text[i].Should().NotBe('"', "a quote appears only in a quoted cell");
                text[i].Should().NotBe('\n', "a line feed outside quotes is only part of CRLF");
                cell.Append(text[i]);
            }

            row.Add(cell.ToString());
            cell.Clear();
            i.Should().BeLessThan(text.Length, "the last record ends with CRLF");
            if (text[i] == ',')
            {
                i++;
                continue;
            }

            (i + 1 < text.Length && text[i + 1] == '\n').Should().BeTrue("records end with CRLF");
            rows.Add([.. row]);
            row.Clear();
            i += 2;
        }

        return rows;
    }

    /// <summary>Reads a quoted cell's text from just after its opening quote; returns the index after its closing quote.</summary>
    private static int ReadQuoted(string text, int i, StringBuilder cell)
    {
        for (; i < text.Length; i++)
        {
            if (text[i] != '"')
            {
                cell.Append(text[i]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else
            {
                return i + 1;
            }
        }

        throw new AssertionException("a quoted cell is not closed");
    }
}
