using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Tenancy;

[TestFixture]
public sealed class TenancyAndLeadTests : HubFixture
{
    [Test]
    public async Task Admin_creates_lists_and_reads_sub_accounts()
    {
        var created = await (await Admin.PostJson("/api/admin/sub-accounts", new { name = "Acme", timezone = "Europe/Berlin" }))
            .Json(HttpStatusCode.Created);
        created.Str("timezone").Should().Be("Europe/Berlin");

        var one = await Admin.GetJson($"/api/admin/sub-accounts/{created.Id()}");
        one.Str("name").Should().Be("Acme");
        var all = await Admin.GetJson("/api/admin/sub-accounts");
        all.AsArray().Select(s => s!.Id()).Should().Contain(created.Id());

        var defaulted = await (await Admin.PostJson("/api/admin/sub-accounts", new { name = "No TZ" })).Json(HttpStatusCode.Created);
        defaulted.Str("timezone").Should().Be("UTC");
    }

    [Test]
    public async Task Bad_sub_account_input_is_a_400_and_unknown_ids_are_404()
    {
        var before = (await Admin.GetJson("/api/admin/sub-accounts")).AsArray().Count;
        await (await Admin.PostJson("/api/admin/sub-accounts", new { name = "" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Admin.PostJson("/api/admin/sub-accounts", new { name = "X", timezone = "Nowhere/Land" })).ProblemAsync(HttpStatusCode.BadRequest);
        (await Admin.GetJson("/api/admin/sub-accounts")).AsArray().Count.Should().Be(before);

        await (await Admin.GetAsync("/api/admin/sub-accounts/424242")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostJson("/api/admin/sub-accounts/424242/users", new { email = "a@b.test", name = "A" }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostJson("/api/admin/users/424242/strategies", new { name = "S" })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_user_is_created_with_a_token_shown_once_and_a_duplicate_email_is_a_409()
    {
        var subAccount = await (await Admin.PostJson("/api/admin/sub-accounts", new { name = "Users Inc" })).Json(HttpStatusCode.Created);
        var user = await (await Admin.PostJson($"/api/admin/sub-accounts/{subAccount.Id()}/users", new { email = "Bob@Users.test", name = "Bob" }))
            .Json(HttpStatusCode.Created);
        user.Str("email").Should().Be("bob@users.test");
        user["subAccountId"]!.GetValue<int>().Should().Be(subAccount.Id());
        user.Str("token").Should().StartWith("ih_");

        await (await Admin.PostJson($"/api/admin/sub-accounts/{subAccount.Id()}/users", new { email = "bob@users.test", name = "Bob 2" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.PostJson($"/api/admin/sub-accounts/{subAccount.Id()}/users", new { email = "nope", name = "Bob 3" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_tenant_lead_is_assigned_to_its_user_and_first_strategy_with_the_sub_account_timezone()
    {
        var tenant = await App.CreateTenant("Assign", timezone: "America/Chicago");
        await Admin.PostJson($"/api/admin/users/{tenant.UserId}/strategies", new { name = "Second" });

        var lead = await (await tenant.Client.PostJson("/api/leads", new
        {
            firstName = "Grace", lastName = "Hopper", email = "grace@navy.test", phone = "+1 312 555 0100",
            city = "Chicago", state = "IL", country = "US", tags = new[] { "vip" },
        })).Json(HttpStatusCode.Created);

        lead.Str("name").Should().Be("Grace Hopper");
        lead["subAccountId"]!.GetValue<int>().Should().Be(tenant.SubAccountId);
        lead["regularUserId"]!.GetValue<int>().Should().Be(tenant.UserId);
        lead["strategyId"]!.GetValue<int>().Should().Be(tenant.StrategyId);
        lead.Str("timezone").Should().Be("America/Chicago");
        lead.Str("source").Should().Be("manual");
        lead["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("vip");

        var read = await tenant.Client.GetJson($"/api/leads/{lead.Id()}");
        read.Str("email").Should().Be("grace@navy.test");
        (await tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages")).AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Invalid_leads_are_refused_and_not_stored()
    {
        var tenant = await App.CreateTenant("Invalid leads");
        await (await tenant.Client.PostJson("/api/leads", new { email = "x@y.test" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await tenant.Client.PostJson("/api/leads", new { name = "X", email = "not-email" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await tenant.Client.PostJson("/api/leads", new { name = "X", timezone = "Mars/Base" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await tenant.Client.PostRaw("/api/leads", """{"name":["array"]}""")).ProblemAsync(HttpStatusCode.BadRequest);
        (await tenant.Client.GetJson("/api/leads"))["total"]!.GetValue<int>().Should().Be(0);
    }

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

    // The names as JSON escapes them: the characters themselves reach the server.
    [TestCase(@"nul\u0000byte", "the NUL character", TestName = "NUL is refused for its field, saying the database cannot store it")]
    [TestCase(@"escape\u001b[31m", @"\u001B", TestName = "An escape code is refused for its field")]
    [TestCase(@"bell\u0007", @"\u0007", TestName = "A bell is refused for its field")]
    public async Task Control_characters_in_a_name_are_a_validation_problem_for_that_field(string escapedName, string named)
    {
        var before = (await Admin.GetJson("/api/admin/sub-accounts")).AsArray().Count;

        var problem = await (await Admin.PostRaw("/api/admin/sub-accounts", $$"""{"name":"{{escapedName}}","timezone":"UTC"}"""))
            .ProblemAsync(HttpStatusCode.BadRequest);

        problem.Str("title").Should().Be("Validation failed");
        var message = problem["errors"]!["name"]!.AsArray().Should().ContainSingle().Subject!.GetValue<string>();
        message.Should().StartWith("name must not contain").And.Contain(named);
        if (named == "the NUL character")
        {
            message.Should().Contain("the database cannot store it");
        }

        (await Admin.GetJson("/api/admin/sub-accounts")).AsArray().Count.Should().Be(before, "nothing was stored");
    }

    [Test]
    public async Task Tab_and_line_breaks_stay_ordinary_text()
    {
        var created = await (await Admin.PostRaw("/api/admin/sub-accounts", """{"name":"Tab\there, CRLF\r\nand LF\nend"}"""))
            .Json(HttpStatusCode.Created);

        (await Admin.GetJson($"/api/admin/sub-accounts/{created.Id()}")).Str("name").Should().Be("Tab\there, CRLF\r\nand LF\nend");
    }

    [TestCase("pageSize=0")]
    [TestCase("pageSize=1000")]
    [TestCase("page=0")]
    [TestCase("page=abc")]
    public async Task Out_of_range_paging_is_a_400(string query) =>
        await (await Admin.GetAsync($"/api/leads?{query}")).ProblemAsync(HttpStatusCode.BadRequest);
}
