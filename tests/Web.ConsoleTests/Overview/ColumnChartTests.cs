using System.Globalization;
using Bunit;
using IntegrationHub.Web.AdminConsole.Charts;

namespace IntegrationHub.Web.ConsoleTests.Overview;

/// <summary>The overview's SVG column chart: columns as tall as their values, stacked series, named for a screen reader, and an empty state.</summary>
[TestFixture]
public sealed class ColumnChartTests
{
    private BunitContext _context = null!;

    [SetUp]
    public void Create() => _context = new BunitContext();

    [TearDown]
    public void Dispose() => _context.Dispose();

    private IRenderedComponent<ColumnChart> Render(IReadOnlyList<string> labels, params ChartSeries[] series) =>
        _context.Render<ColumnChart>(p => p
            .Add(x => x.Id, "chart-test")
            .Add(x => x.Title, "Webhooks per minute")
            .Add(x => x.Summary, "In the last 3 minutes: 9 accepted.")
            .Add(x => x.XAxisLabel, "time (UTC)")
            .Add(x => x.YAxisLabel, "deliveries")
            .Add(x => x.Labels, labels)
            .Add(x => x.Series, series)
            .Add(x => x.EmptyText, "No webhook deliveries in this period."));

    private static double Height(AngleSharp.Dom.IElement rect) => double.Parse(rect.GetAttribute("height")!, CultureInfo.InvariantCulture);

    private static double Y(AngleSharp.Dom.IElement rect) => double.Parse(rect.GetAttribute("y")!, CultureInfo.InvariantCulture);

    [Test]
    public void Columns_are_as_tall_as_their_values_and_a_zero_draws_none()
    {
        var chart = Render(["12:00", "12:01", "12:02"], new ChartSeries("accepted", "ok", [2, 0, 8]));

        var rects = chart.FindAll("rect");
        rects.Select(r => r.GetAttribute("data-value")).Should().Equal("2", "8");
        Height(rects[1]).Should().BeApproximately(4 * Height(rects[0]), 0.05);
        // The axis tops at a round 10 above the largest value 8: 8 fills four fifths of the plot.
        chart.FindAll(".chart-grid text").Select(t => t.TextContent).Should().Equal("0", "5", "10");
        Y(rects[0]).Should().BeApproximately(Y(rects[1]) + Height(rects[1]) - Height(rects[0]), 0.05, "columns stand on the same baseline");
        chart.Find("figure").GetAttribute("data-empty").Should().Be("false");
    }

    [Test]
    public void Series_stack_in_a_column_one_on_top_of_the_other_each_with_its_tooltip()
    {
        var chart = Render(["12:00"], new ChartSeries("accepted", "ok", [3]), new ChartSeries("refused", "danger", [1]));

        var accepted = chart.Find("rect[data-series=accepted]");
        var refused = chart.Find("rect[data-series=refused]");
        Height(accepted).Should().BeApproximately(3 * Height(refused), 0.05);
        Y(refused).Should().BeApproximately(Y(accepted) - Height(refused), 0.05, "the second series sits on the first");
        refused.ClassList.Should().Contain("tone-danger");
        refused.QuerySelector("title")!.TextContent.Should().Be("12:00: 1 refused");
        chart.FindAll(".chart-legend li").Select(li => li.TextContent).Should().Equal("accepted: 3", "refused: 1");
    }

    [Test]
    public void The_chart_is_one_image_named_by_its_title_and_summary_with_both_axes_labelled()
    {
        var chart = Render(["12:00", "12:01"], new ChartSeries("accepted", "ok", [1, 2]));

        var svg = chart.Find("svg");
        svg.GetAttribute("role").Should().Be("img");
        svg.GetAttribute("aria-labelledby").Should().Be("chart-test-title chart-test-summary");
        chart.Find("#chart-test-title").TextContent.Should().Be("Webhooks per minute");
        chart.Find("#chart-test-summary").TextContent.Should().Be("In the last 3 minutes: 9 accepted.");
        svg.QuerySelector("title")!.TextContent.Should().Be("Webhooks per minute");
        svg.QuerySelector("desc")!.TextContent.Should().Be("In the last 3 minutes: 9 accepted.");
        chart.FindAll(".chart-axis-title").Select(t => t.TextContent).Should().Equal("time (UTC)", "deliveries");
        chart.FindAll(".chart-tick text").Select(t => t.TextContent).Should().Equal("12:00", "12:01");
    }

    [Test]
    public void Many_columns_print_only_some_time_labels_the_newest_always_among_them()
    {
        var labels = Enumerable.Range(0, 60).Select(m => $"12:{m:00}").ToList();
        var chart = Render(labels, new ChartSeries("accepted", "ok", labels.Select(_ => 1.0).ToList()));

        chart.FindAll("rect").Should().HaveCount(60);
        var printed = chart.FindAll(".chart-tick text").Select(t => t.TextContent).ToList();
        printed.Should().HaveCountLessThanOrEqualTo(6).And.EndWith("12:59");
    }

    [TestCase(0)]
    [TestCase(3)]
    public void Nothing_to_draw_says_so_instead_of_an_empty_frame(int columns)
    {
        var labels = Enumerable.Range(0, columns).Select(m => $"12:0{m}").ToList();
        var chart = Render(labels, new ChartSeries("accepted", "ok", labels.Select(_ => 0.0).ToList()));

        chart.FindAll("svg").Should().BeEmpty();
        chart.Find("figure").GetAttribute("data-empty").Should().Be("true");
        chart.Find(".chart-title").TextContent.Should().Be("Webhooks per minute");
        chart.Find(".chart-empty").TextContent.Should().Be("No webhook deliveries in this period.");
    }

    [TestCase(8, 10)]
    [TestCase(0.3, 0.5)]
    [TestCase(1200, 2000)]
    [TestCase(25, 25)]
    public void The_axis_tops_at_a_round_number(double max, double top) => ChartScale.NiceTop(max).Should().BeApproximately(top, 1e-9);
}
