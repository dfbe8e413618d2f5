using Bunit;
using IntegrationHub.Application.Leads;
using IntegrationHub.Infrastructure.Observability;
using IntegrationHub.Web.AdminConsole.Charts;
using IntegrationHub.Web.Endpoints;

namespace IntegrationHub.Web.ConsoleTests.Overview;

/// <summary>The overview page's charts from an overview: what each one draws, and what it says when there is nothing yet.</summary>
[TestFixture]
public sealed class OverviewChartsTests
{
    private static readonly DateTime Since = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    private BunitContext _context = null!;

    [SetUp]
    public void Create() => _context = new BunitContext();

    [TearDown]
    public void Dispose() => _context.Dispose();

    private IRenderedComponent<OverviewCharts> Render(RecentSamples recent, params int[] leadsPerDay) =>
        _context.Render<OverviewCharts>(p => p.Add(x => x.Overview, new OverviewDto(recent,
            leadsPerDay.Select((count, i) => new LeadsOnDay(new DateOnly(2026, 11, 21).AddDays(i), count)).ToList(), [], [])));

    private static MetricsSample Sample(int minute, long accepted, long refused, long backlog, double? lag, long succeeded, long failed) =>
        new(Since.AddMinutes(minute), accepted, 0, refused, backlog, lag, lag,
            new Dictionary<string, long> { ["succeeded"] = succeeded, ["failed"] = failed, ["pending"] = 0, ["cancelled"] = 0 });

    [Test]
    public void Each_chart_draws_its_own_numbers_and_says_them_in_a_sentence()
    {
        var chart = Render(new RecentSamples(true, Since, 60,
        [
            Sample(1, accepted: 4, refused: 1, backlog: 3, lag: 0.2, succeeded: 2, failed: 0),
            Sample(2, accepted: 0, refused: 2, backlog: 0, lag: null, succeeded: 1, failed: 1),
        ]), 0, 5, 2);

        chart.Find("[data-testid=overview-source]").TextContent.Should().Contain("this instance's own activity since it started (2026-12-04 12:00:00 UTC), one sample every 1 minute");
        var webhooks = chart.Find("[data-testid=chart-webhooks]");
        webhooks.QuerySelector(".chart-title")!.TextContent.Should().Be("Webhooks per minute");
        webhooks.QuerySelectorAll("rect[data-series=accepted]").Select(r => r.GetAttribute("data-value")).Should().Equal("4");
        webhooks.QuerySelectorAll("rect[data-series=refused]").Select(r => r.GetAttribute("data-value")).Should().Equal("1", "2");
        webhooks.QuerySelector(".chart-summary")!.TextContent.Should().Be("In the last 2 minutes: 4 accepted, 0 duplicates, 3 refused.");
        chart.Find("[data-testid=chart-backlog] .chart-summary").TextContent.Should().Be("Now 0 events waiting; at most 3 at a sample.");
        chart.FindAll("[data-testid=chart-lag] rect").Select(r => r.GetAttribute("data-value")).Should().Equal("0.2");
        chart.FindAll("[data-testid=chart-outbound] rect").Select(r => r.GetAttribute("data-series")).Should().Equal("succeeded", "succeeded", "failed");
        chart.Find("[data-testid=chart-outbound] .chart-summary").TextContent.Should().Be("In the last 2 minutes: 3 succeeded, 1 failed.");
        chart.FindAll("[data-testid=chart-leads] rect").Select(r => r.GetAttribute("data-value")).Should().Equal("5", "2");
        chart.Find("[data-testid=chart-leads] .chart-summary").TextContent.Should().Be("7 leads created in the last 3 days; 2 today.");
    }

    [Test]
    public void Before_the_first_sample_the_per_minute_charts_say_when_it_comes()
    {
        var chart = Render(new RecentSamples(true, Since, 5, []), 0, 0);

        foreach (var id in new[] { "chart-webhooks", "chart-backlog", "chart-lag", "chart-outbound" })
        {
            chart.Find($"[data-testid={id}] .chart-empty").TextContent.Should().Be("No sample yet: the first is taken 5 seconds after the start.");
        }

        chart.Find("[data-testid=chart-leads] .chart-empty").TextContent.Should().Be("No leads were created in the last 14 days.");
        chart.FindAll("svg").Should().BeEmpty();
    }

    [Test]
    public void With_metrics_switched_off_the_page_says_the_per_minute_charts_are_off()
    {
        var chart = Render(new RecentSamples(false, Since, 60, []), 1);

        chart.Find("[data-testid=overview-source]").TextContent.Should().Contain("Per-minute charts are off");
        chart.Find("[data-testid=chart-webhooks] .chart-empty").TextContent.Should().Contain("switched off");
        chart.FindAll("[data-testid=chart-leads] rect").Should().HaveCount(1);
    }
}
