using Bunit;
using IntegrationHub.Web.AdminConsole.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.ConsoleTests.Leads;

/// <summary>The leads list's previous / next links, keeping the filters, and a page past the end.</summary>
[TestFixture]
public sealed class PagerTests
{
    private BunitContext _context = null!;

    [SetUp]
    public void Create() => _context = new BunitContext();

    [TearDown]
    public void Dispose() => _context.Dispose();

    private IRenderedComponent<Pager> Render(string url, int page, int total, int pageSize = 20)
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return _context.Render<Pager>(p => p.Add(x => x.Page, page).Add(x => x.PageSize, pageSize).Add(x => x.Total, total).Add(x => x.Label, "Leads"));
    }

    [Test]
    public void A_middle_page_links_both_ways_keeping_the_filters()
    {
        var pager = Render("/admin/leads?tag=batch&page=2", page: 2, total: 50);

        pager.Find("nav").TextContent.Should().Contain("Page 2 of 3");
        pager.Find("a[rel=prev]").GetAttribute("href").Should().Contain("tag=batch").And.Contain("page=1");
        pager.Find("a[rel=next]").GetAttribute("href").Should().Contain("tag=batch").And.Contain("page=3");
    }

    [Test]
    public void A_page_past_the_end_says_so_and_links_the_last_page_not_another_empty_one()
    {
        // /admin/leads?page=9 with 27 leads showed an empty table, "Page 9 of 2" and a "Previous" to the empty page 8.
        var pager = Render("/admin/leads?search=zed&page=9", page: 9, total: 27);

        pager.Find("[data-testid=past-the-end]").TextContent.Should().Be("There is no page 9: the last is page 2.");
        pager.FindAll("a[rel=prev]").Should().BeEmpty();
        var last = pager.Find("nav a");
        last.TextContent.Should().Be("Go to page 2");
        last.GetAttribute("href").Should().Contain("page=2").And.Contain("search=zed");
        pager.Markup.Should().NotContain("of 2");
    }

    [Test]
    public void A_single_page_has_no_pager()
    {
        Render("/admin/leads", page: 1, total: 5).Markup.Trim().Should().BeEmpty();
    }
}
