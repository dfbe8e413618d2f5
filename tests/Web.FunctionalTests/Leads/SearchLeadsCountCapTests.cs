using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>
/// A search or tag filter counts its matches up to a cap (ADR 0009; 10,000 by default, 3 here through
/// IntegrationHub:Leads:SearchCountCap): past it <c>total</c> is the cap and <c>totalIsExact</c> false, and pages past
/// the cap are still served. Lists without those filters count exactly. Also: the tag filter follows every write.
/// </summary>
[TestFixture]
public sealed class SearchLeadsCountCapTests
{
    private const int Cap = 3;
    private HubApp _app = null!;
    private HttpClient _admin = null!;
    private Tenant _tenant = null!;
    private string _mark = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = new HubApp(new Dictionary<string, string?> { ["IntegrationHub:Leads:SearchCountCap"] = Cap.ToString() });
        _admin = _app.Admin();
        _tenant = await _app.CreateTenant("Capped");
        _mark = "capq" + string.Concat(Guid.NewGuid().ToString("N")[..6].Select(c => char.IsDigit(c) ? (char)('g' + c - '0') : c));
        for (var i = 1; i <= 5; i++)
        {
            await (await _tenant.Client.PostJson("/api/leads", new { firstName = $"Lead{i}", lastName = _mark, tags = new[] { _mark + "-all" } }))
                .Json(HttpStatusCode.Created);
        }
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private Task<JsonNode> List(string query) => _tenant.Client.GetJson("/api/leads?" + query);

    private static string[] FirstNames(JsonNode page) => [.. page["items"]!.AsArray().Select(l => l!.Str("firstName"))];

    [TestCase("search={0}")]
    [TestCase("tag={0}-all")]
    [TestCase("search={0}&tag={0}-all")]
    public async Task Past_the_cap_the_total_is_the_cap_flagged_inexact_and_every_page_is_still_served(string filter)
    {
        var query = string.Format(filter, _mark);
        var first = await List(query + "&pageSize=2&page=1");
        first["total"]!.GetValue<int>().Should().Be(Cap);
        first["totalIsExact"]!.GetValue<bool>().Should().BeFalse("five leads match and the count stopped at the cap");
        FirstNames(first).Should().Equal("Lead5", "Lead4");
        FirstNames(await List(query + "&pageSize=2&page=2")).Should().Equal("Lead3", "Lead2");
        FirstNames(await List(query + "&pageSize=2&page=3")).Should().Equal(["Lead1"], "a page past the cap is served while leads exist");
        FirstNames(await List(query + "&pageSize=2&page=4")).Should().BeEmpty();
    }

    [Test]
    public async Task Up_to_the_cap_the_total_is_exact()
    {
        var three = await List($"search={_mark}&pageSize=1");
        three["totalIsExact"]!.GetValue<bool>().Should().BeFalse();
        var lead = await List($"search=lead3%20{_mark}");
        lead["total"]!.GetValue<int>().Should().Be(1);
        lead["totalIsExact"]!.GetValue<bool>().Should().BeTrue();
        var none = await List("search=zzqxwv" + _mark);
        none["total"]!.GetValue<int>().Should().Be(0);
        none["totalIsExact"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task A_list_without_search_or_tag_is_counted_exactly_past_the_cap()
    {
        var all = await List("pageSize=1");
        all["total"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(5);
        all["totalIsExact"]!.GetValue<bool>().Should().BeTrue();
        var admin = await _admin.GetJson($"/api/leads?subAccountId={_tenant.SubAccountId}&updatedSince=2000-01-01T00:00:00Z&pageSize=1");
        admin["totalIsExact"]!.GetValue<bool>().Should().BeTrue();
        admin["total"]!.GetValue<int>().Should().Be(all["total"]!.GetValue<int>());
    }

    [Test]
    public async Task The_tag_filter_follows_creation_edits_and_clearing_of_tags()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..8];
        var lead = await (await _tenant.Client.PostJson("/api/leads", new { firstName = "Tagged", lastName = _mark, tags = new[] { tag.ToUpperInvariant(), "Other" } }))
            .Json(HttpStatusCode.Created);
        async Task<int[]> Tagged(string t) => [.. (await List("tag=" + t))["items"]!.AsArray().Select(l => l!.Id())];

        (await Tagged(tag)).Should().Equal(lead.Id());
        (await Tagged(tag.ToUpperInvariant())).Should().Equal(lead.Id());

        await (await _tenant.Client.PatchJson($"/api/leads/{lead.Id()}", new { tags = new[] { tag + "-new" } })).Json(HttpStatusCode.OK);
        (await Tagged(tag)).Should().BeEmpty("the edit removed the tag");
        (await Tagged(tag + "-new")).Should().Equal(lead.Id());

        await (await _tenant.Client.PatchJson($"/api/leads/{lead.Id()}", new { firstName = "Renamed" })).Json(HttpStatusCode.OK);
        (await Tagged(tag + "-new")).Should().Equal([lead.Id()], "an edit of other fields keeps the tags");

        await (await _tenant.Client.PatchJson($"/api/leads/{lead.Id()}", new { tags = (string[]?)null })).Json(HttpStatusCode.OK);
        (await Tagged(tag + "-new")).Should().BeEmpty("null clears the tags");
    }
}
