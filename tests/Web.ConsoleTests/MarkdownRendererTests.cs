using IntegrationHub.Web.AdminConsole;

namespace IntegrationHub.Web.ConsoleTests;

/// <summary>Setup instructions are admin-written Markdown shown to other admins: rendered, and nothing in them runs.</summary>
[TestFixture]
public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Test]
    public void Markdown_becomes_html()
    {
        var html = _renderer.ToSafeHtml("# Setup\n\n1. Open **Settings**\n2. Paste `the key`\n\n[Docs](https://highlevel.stoplight.io/)");

        html.Should().Contain("<h1").And.Contain("<strong>Settings</strong>").And.Contain("<code>the key</code>")
            .And.Contain("href=\"https://highlevel.stoplight.io/\"");
    }

    [TestCase("<script>window.__xss = 1</script>")]
    [TestCase("<img src=x onerror=\"window.__xss = 1\">")]
    [TestCase("[click](javascript:window.__xss=1)")]
    [TestCase("<a href=\"javascript:window.__xss=1\">click</a>")]
    [TestCase("<iframe src=\"https://evil.example\"></iframe>")]
    [TestCase("<svg onload=\"window.__xss=1\"></svg>")]
    [TestCase("<div style=\"background:url(javascript:window.__xss=1)\">x</div>")]
    public void Nothing_that_can_run_survives(string hostile)
    {
        var html = _renderer.ToSafeHtml("Before\n\n" + hostile + "\n\nAfter");

        html.Should().NotContainAny("<script", "onerror", "onload", "javascript:", "<iframe", "<svg");
        html.Should().Contain("Before").And.Contain("After");
    }

    [Test]
    public void Empty_instructions_render_nothing() => _renderer.ToSafeHtml(null).Should().BeEmpty();
}
