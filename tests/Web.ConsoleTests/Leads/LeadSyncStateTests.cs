using Bunit;
using IntegrationHub.Application.Leads;
using IntegrationHub.Web.AdminConsole.Layout;

namespace IntegrationHub.Web.ConsoleTests.Leads;

/// <summary>A lead's sync state as a CRM user reads it: in sync, pending (which fields), conflict, failed (why).</summary>
[TestFixture]
public sealed class LeadSyncStateTests
{
    private BunitContext _context = null!;

    [SetUp]
    public void Create() => _context = new BunitContext();

    [TearDown]
    public void Dispose() => _context.Dispose();

    private IRenderedComponent<LeadSyncState> Render(LeadSyncStateDto state, bool compact = false) =>
        _context.Render<LeadSyncState>(p => p.Add(s => s.State, state).Add(s => s.Compact, compact));

    [TestCase("inSync", "in sync", "GoHighLevel has every change")]
    [TestCase("conflict", "conflict", "2 open conflicts")]
    public void The_badge_and_what_it_means(string status, string badge, string detail)
    {
        var state = Render(new LeadSyncStateDto { Status = status, OpenConflicts = 2 });

        state.Find(".badge").TextContent.Should().Be(badge);
        state.Find(".badge").GetAttribute("data-status").Should().Be(status);
        state.Find("[data-testid=sync-detail]").TextContent.Should().Contain(detail);
    }

    [Test]
    public void Pending_names_the_fields_waiting_to_be_sent()
    {
        var state = Render(new LeadSyncStateDto { Status = "pending", PendingFields = ["city", "customFields.cf-color", "postalCode"] });

        state.Find(".badge").TextContent.Should().Be("pending");
        state.Find("[data-testid=sync-detail]").TextContent.Should()
            .Be("Waiting to be sent to GoHighLevel: City, Custom field cf-color, Postal code.");
    }

    [Test]
    public void Failed_gives_the_reason()
    {
        var state = Render(new LeadSyncStateDto { Status = "failed", Reason = "GoHighLevel answered 422: email is invalid" });

        state.Find("[data-testid=sync-detail]").TextContent.Should().Be("Sending to GoHighLevel failed: GoHighLevel answered 422: email is invalid.");
    }

    [Test]
    public void Fields_that_stay_in_the_hub_are_named()
    {
        var state = Render(new LeadSyncStateDto { Status = "inSync", HubOnlyFields = ["company"] });

        state.Markup.Should().Contain("Kept in the hub only").And.Contain("Company");
    }

    [Test]
    public void Compact_shows_only_the_badge()
    {
        var state = Render(new LeadSyncStateDto { Status = "failed", Reason = "boom" }, compact: true);

        state.Find(".badge").TextContent.Should().Be("failed");
        state.FindAll("p").Should().BeEmpty();
    }
}
