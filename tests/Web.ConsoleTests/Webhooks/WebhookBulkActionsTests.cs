using Bunit;
using IntegrationHub.Web.AdminConsole.Layout;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.ConsoleTests.Webhooks;

/// <summary>
/// The inbox's bulk actions: each shows its count first and sends nothing until the admin confirms in the page; what runs
/// is what was confirmed (the same filter, the same instant), and its result is shown.
/// </summary>
[TestFixture]
public sealed class WebhookBulkActionsTests
{
    private BunitContext _context = null!;
    private int _counts;
    private int _replays;
    private readonly List<(string Status, DateTimeOffset Before)> _staleCounts = [];
    private readonly List<(string Status, DateTimeOffset Before)> _purges = [];

    [SetUp]
    public void Create()
    {
        _context = new BunitContext();
        _context.Services.AddSingleton(TimeProvider.System);
        (_counts, _replays) = (0, 0);
        _staleCounts.Clear();
        _purges.Clear();
    }

    [TearDown]
    public void Dispose() => _context.Dispose();

    private IRenderedComponent<WebhookBulkActions> Render(int? matching = 3, int? stale = 12, string? status = "failed") =>
        _context.Render<WebhookBulkActions>(p => p
            .Add(c => c.Status, status)
            .Add(c => c.LocationId, "loc-1")
            .Add(c => c.CountMatching, () => { _counts++; return Task.FromResult(matching); })
            .Add(c => c.ReplayMatching, () => { _replays++; return Task.FromResult(matching); })
            .Add(c => c.CountStale, (s, before) => { _staleCounts.Add((s, before)); return Task.FromResult(stale); })
            .Add(c => c.PurgeStale, (s, before) => { _purges.Add((s, before)); return Task.FromResult(stale); }));

    [Test]
    public void Replay_shows_how_many_events_match_and_sends_nothing_until_confirmed()
    {
        var actions = Render();
        actions.FindAll("[data-testid=replay-confirm]").Should().BeEmpty();

        actions.Find("[data-testid=replay-preview]").Click();
        _counts.Should().Be(1);
        _replays.Should().Be(0, "the preview only counts");
        var confirm = actions.Find("[data-testid=replay-confirm]");
        confirm.GetAttribute("role").Should().Be("alertdialog");
        confirm.TextContent.Should().Contain("3 events").And.Contain("status failed, location loc-1");

        actions.FindAll("[data-testid=replay-confirm] button").Last().Click(); // Cancel
        actions.FindAll("[data-testid=replay-confirm]").Should().BeEmpty();
        _replays.Should().Be(0);

        actions.Find("[data-testid=replay-preview]").Click();
        actions.Find("[data-testid=replay-yes]").Click();
        _replays.Should().Be(1);
        actions.FindAll("[data-testid=replay-confirm]").Should().BeEmpty();
        actions.Find("[data-testid=replay-result]").TextContent.Should().Contain("3 events queued for processing again");
    }

    [Test]
    public void No_matching_event_offers_no_replay_and_a_refused_count_offers_nothing()
    {
        var none = Render(matching: 0);
        none.Find("[data-testid=replay-preview]").Click();
        none.Find("[data-testid=replay-none]").TextContent.Should().Contain("nothing to replay");
        none.FindAll("[data-testid=replay-yes]").Should().BeEmpty();

        var refused = Render(matching: null);
        refused.Find("[data-testid=replay-preview]").Click();
        refused.FindAll("[data-testid=replay-yes]").Should().BeEmpty("the page shows why the count was refused");
        _replays.Should().Be(0);
    }

    [Test]
    public void Purge_counts_the_chosen_status_and_age_and_deletes_that_same_instant_only_after_confirming()
    {
        var actions = Render();
        actions.Find("#purge-status").Change("unhandled");
        actions.Find("#purge-days").Change("7");
        actions.Find("[data-testid=purge-preview]").Click();

        var (status, before) = _staleCounts.Should().ContainSingle().Subject;
        status.Should().Be("unhandled");
        before.Should().BeCloseTo(DateTimeOffset.UtcNow.AddDays(-7), TimeSpan.FromMinutes(1));
        _purges.Should().BeEmpty("the preview only counts");
        actions.Find("[data-testid=purge-confirm]").TextContent.Should().Contain("12 events").And.Contain("unhandled").And.Contain("cannot be undone");

        actions.Find("[data-testid=purge-yes]").Click();
        _purges.Should().Equal(("unhandled", before));
        actions.FindAll("[data-testid=purge-confirm]").Should().BeEmpty();
        actions.Find("[data-testid=purge-result]").TextContent.Should().Contain("12 events deleted");
    }

    [Test]
    public void Changing_the_purge_choice_or_the_filter_drops_a_pending_confirmation()
    {
        var actions = Render();
        actions.Find("[data-testid=purge-preview]").Click();
        actions.Find("#purge-days").Change("60");
        actions.FindAll("[data-testid=purge-confirm]").Should().BeEmpty("the count was for 30 days");

        actions.Find("[data-testid=replay-preview]").Click();
        actions.Render(p => p.Add(c => c.Status, "unhandled"));
        actions.FindAll("[data-testid=replay-confirm]").Should().BeEmpty("the count was for another filter");
        _replays.Should().Be(0);
        _purges.Should().BeEmpty();
    }
}
