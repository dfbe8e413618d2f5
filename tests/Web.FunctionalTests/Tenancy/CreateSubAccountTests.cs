using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Tenancy;

/// <summary>
/// Sub-accounts created, listed and read by an admin (CreateSubAccount, ListSubAccounts, GetSubAccount): bad input is a 400,
/// control characters in a name a validation problem, tabs and line breaks ordinary text, unknown ids a 404.
/// </summary>
[TestFixture]
public sealed class CreateSubAccountTests : HubFixture
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
}
