using System.Text.Json;
using IntegrationHub.Web.AdminConsole.Forms;

namespace IntegrationHub.Web.ConsoleTests;

/// <summary>JSON that does not parse is described in plain words, with its line and column counted from 1.</summary>
[TestFixture]
public sealed class JsonSyntaxTests
{
    [TestCase("{\n  \"type\": \"object\",\n}", "a comma before a closing } or ] (remove it)", 3, 1)]
    [TestCase("{\"type\": \"object\", \"properties\": {}", "it ends before every { and [ is closed", 1, 36)]
    [TestCase("{\n  'type': 'object'\n}", "names and text need double quotes (\"), not single ones", 2, 3)]
    [TestCase("{\"type\": object}", "expected a value (text in double quotes, a number, true, false, null, {...} or [...]) but found 'o'", 1, 10)]
    [TestCase("{\"type\" \"object\"}", "expected a ':' after the property name but found '\"'", 1, 9)]
    [TestCase("{\"a\": 1 \"b\": 2}", "expected a ',' or a closing } or ] but found '\"'", 1, 9)]
    [TestCase("{} {}", "there is more text after the end of the value", 1, 4)]
    [TestCase("{\"é\": \"ü\" // note\n}", "JSON does not allow comments", 1, 11)]
    public void Says_what_is_wrong_and_where(string text, string problem, int line, int column)
    {
        var message = Describe(text);

        message.Should().Be($"Not valid JSON: {problem} (line {line}, column {column}).");
    }

    [Test]
    public void The_template_form_never_passes_on_the_parsers_own_words()
    {
        foreach (var text in new[] { "{\"a\": 1,}", "[1, 2", "{\"a\" 1}", "{'a': 1}", "{\"a\": tru}", "{\"a\": \"\\q\"}", "{} x" })
        {
            var message = TemplateForm.CheckSchema(text, out _)["configSchema"].Single();
            message.Should().StartWith("Not valid JSON: ").And.MatchRegex(@"\(line \d+, column \d+\)\.$");
            message.Should().NotContainAny("LineNumber", "BytePositionInLine", "reader options", "JsonReaderException");
        }
    }

    private static string Describe(string text)
    {
        try
        {
            JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return JsonSyntax.Describe(ex, text);
        }

        throw new AssertionException($"{text} parsed");
    }
}
