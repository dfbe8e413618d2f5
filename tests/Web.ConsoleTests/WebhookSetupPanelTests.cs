using Bunit;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Web.AdminConsole;
using IntegrationHub.Web.AdminConsole.Layout;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.ConsoleTests;

/// <summary>The integration page's webhook setup answer: the URL GoHighLevel cannot use is flagged where it is copied.</summary>
[TestFixture]
public sealed class WebhookSetupPanelTests
{
    private BunitContext _context = null!;

    [SetUp]
    public void Create()
    {
        _context = new BunitContext();
        _context.Services.AddSingleton(new MarkdownRenderer());
    }

    [TearDown]
    public void Dispose() => _context.Dispose();

    private IRenderedComponent<WebhookSetupPanel> Render(string url) =>
        _context.Render<WebhookSetupPanel>(p => p.Add(panel => panel.Setup,
            new WebhookSetupResult(url, "whsec_test", "# Send GoHighLevel events", WebhookUrlWarnings.For(url))));

    [Test]
    public void A_localhost_http_url_is_shown_with_both_warnings_before_it()
    {
        var panel = Render("http://localhost:5080/api/webhook");

        var warnings = panel.FindAll("[data-testid=webhook-url-warning]");
        warnings.Select(w => w.TextContent).Should().SatisfyRespectively(
            http => http.Should().Contain("not https"),
            host => host.Should().Contain("localhost").And.Contain("GoHighLevel cannot reach it"));
        warnings.Should().OnlyContain(w => w.GetAttribute("role") == "alert" && w.TextContent.Contains("PublicBaseUrl"));
        panel.Find("#webhook-url").GetAttribute("value").Should().Be("http://localhost:5080/api/webhook");
    }

    [Test]
    public void A_public_https_url_is_shown_without_a_warning()
    {
        var panel = Render("https://hub.example.com/api/webhook");

        panel.FindAll("[data-testid=webhook-url-warning]").Should().BeEmpty();
        panel.Find("#webhook-url").GetAttribute("value").Should().Be("https://hub.example.com/api/webhook");
        panel.Find("#webhook-secret").GetAttribute("value").Should().Be("whsec_test");
    }
}
