using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>
/// Lead lists (ListLeads): paged newest first, admins filter by sub-account, a tenant sees only its own, out-of-range
/// paging is a 400.
/// </summary>
[TestFixture]
public sealed class ListLeadsTests : HubFixture
{
    [Test]
    public async Task Lead_lists_are_paged_newest_first_and_admins_filter_by_sub_account()
    {
        var tenant = await App.CreateTenant("Paging");
        for (var i = 1; i <= 5; i++)
        {
            await (await tenant.Client.PostJson("/api/leads", new { name = $"Lead {i}" })).Json(HttpStatusCode.Created);
        }

        var page1 = await tenant.Client.GetJson("/api/leads?page=1&pageSize=2");
        page1["total"]!.GetValue<int>().Should().Be(5);
        page1["totalIsExact"]!.GetValue<bool>().Should().BeTrue("a list without search or tag is counted exactly");
        page1["items"]!.AsArray().Select(l => l!.Str("name")).Should().Equal("Lead 5", "Lead 4");
        var page3 = await tenant.Client.GetJson("/api/leads?page=3&pageSize=2");
        page3["items"]!.AsArray().Select(l => l!.Str("name")).Should().Equal("Lead 1");

        var adminView = await Admin.GetJson($"/api/leads?subAccountId={tenant.SubAccountId}&pageSize=100");
        adminView["total"]!.GetValue<int>().Should().Be(5);
        adminView["items"]!.AsArray().Should().OnlyContain(l => l!["subAccountId"]!.GetValue<int>() == tenant.SubAccountId);
    }

    [Test]
    public async Task A_tenant_naming_another_sub_account_gets_404_and_naming_its_own_gets_its_leads()
    {
        var tenant = await App.CreateTenant("Own leads");
        var other = await App.CreateTenant("Other leads");
        await (await tenant.Client.PostJson("/api/leads", new { name = "Mine" })).Json(HttpStatusCode.Created);
        await (await other.Client.PostJson("/api/leads", new { name = "Theirs" })).Json(HttpStatusCode.Created);

        await (await tenant.Client.GetAsync($"/api/leads?subAccountId={other.SubAccountId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await tenant.Client.GetAsync("/api/leads?subAccountId=987654")).ProblemAsync(HttpStatusCode.NotFound);

        (await tenant.Client.GetJson($"/api/leads?subAccountId={tenant.SubAccountId}"))["items"]!.AsArray()
            .Select(l => l!.Str("name")).Should().Equal("Mine");
        (await tenant.Client.GetJson("/api/leads"))["items"]!.AsArray().Select(l => l!.Str("name")).Should().Equal("Mine");
    }

    [TestCase("pageSize=0")]
    [TestCase("pageSize=1000")]
    [TestCase("page=0")]
    [TestCase("page=abc")]
    public async Task Out_of_range_paging_is_a_400(string query) =>
        await (await Admin.GetAsync($"/api/leads?{query}")).ProblemAsync(HttpStatusCode.BadRequest);
}
