using Ganss.Xss;
using Markdig;

namespace IntegrationHub.Web.AdminConsole;

/// <summary>
/// Setup instructions are Markdown written by admins: rendered to HTML, then sanitised, so a script tag, an event
/// handler attribute or a <c>javascript:</c> link in them never runs in another admin's browser.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private readonly HtmlSanitizer _sanitizer = new();

    public MarkdownRenderer()
    {
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("mailto");
    }

    public string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));
}
