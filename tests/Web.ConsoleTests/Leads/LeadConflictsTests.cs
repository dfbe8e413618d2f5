using System.Text.Json;
using Bunit;
using IntegrationHub.Application.Leads;
using IntegrationHub.Web.AdminConsole.Layout;

namespace IntegrationHub.Web.ConsoleTests.Leads;

/// <summary>A lead's open conflicts: both values side by side per field, and which one to keep sent back to the page.</summary>
[TestFixture]
public sealed class LeadConflictsTests
{
    private static readonly DateTime Detected = new(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc);

    private BunitContext _context = null!;
    private readonly List<LeadConflicts.Choice> _choices = [];

    [SetUp]
    public void Create()
    {
        _context = new BunitContext();
        _choices.Clear();
    }

    [TearDown]
    public void Dispose() => _context.Dispose();

    private static JsonElement? Json(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static LeadConflictDto Conflict(string field, string? hub, string? crm) =>
        new(field, Json(hub), Json(crm), Detected, "manual", "open", null);

    private IRenderedComponent<LeadConflicts> Render(bool disabled = false, LeadConflicts.Choice? resolving = null) =>
        _context.Render<LeadConflicts>(p => p
            .Add(c => c.Conflicts, [Conflict("city", "\"Hub City\"", "\"Crm City\""), Conflict("tags", """["vip","gold"]""", null),
                Conflict("customFields.cf-color", "\"blue\"", "42")])
            .Add(c => c.Disabled, disabled)
            .Add(c => c.Resolving, resolving)
            .Add(c => c.OnResolve, choice => _choices.Add(choice)));

    [Test]
    public void Each_field_shows_the_hub_value_beside_the_gohighlevel_value()
    {
        var table = Render();

        var rows = table.FindAll("tbody tr");
        rows.Select(r => r.QuerySelector("th")!.TextContent).Should().Equal("City", "Tags", "Custom field cf-color");
        var city = table.Find("tr[data-field=city]");
        city.QuerySelector("[data-testid=hub-value]")!.TextContent.Trim().Should().Be("Hub City");
        city.QuerySelector("[data-testid=crm-value]")!.TextContent.Trim().Should().Be("Crm City");
        city.TextContent.Should().Contain("2026-12-01 09:30:00 UTC");
        var tags = table.Find("tr[data-field=tags]");
        tags.QuerySelector("[data-testid=hub-value]")!.TextContent.Trim().Should().Be("vip, gold");
        tags.QuerySelector("[data-testid=crm-value]")!.TextContent.Trim().Should().Be("empty", "GoHighLevel cleared the tags: said so, not a blank cell");
        table.Find("tr[data-field='customFields.cf-color'] [data-testid=crm-value]").TextContent.Trim().Should().Be("42");
    }

    [Test]
    public void Keep_buttons_name_their_field_and_send_the_choice()
    {
        var table = Render();

        table.Find("button[aria-label='Keep GoHighLevel for City']").Click();
        table.Find("button[aria-label='Keep hub for Tags']").Click();

        _choices.Should().Equal(new LeadConflicts.Choice("city", "crm"), new LeadConflicts.Choice("tags", "hub"));
    }

    [Test]
    public void While_a_choice_is_sent_the_buttons_are_off_and_its_own_says_so()
    {
        var table = Render(disabled: true, resolving: new("city", "hub"));

        table.FindAll("button").Should().OnlyContain(b => b.HasAttribute("disabled"));
        var busy = table.Find("button[aria-label='Keep hub for City']");
        busy.TextContent.Should().Be("Keeping…");
        busy.GetAttribute("aria-busy").Should().Be("true");
        table.Find("button[aria-label='Keep GoHighLevel for City']").GetAttribute("aria-busy").Should().Be("false");
    }
}
