using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Api;

/// <summary>
/// What the HTTP answers mean, as a generated client or a fuzzer reads them: a known path with the wrong method, an
/// unknown path, out-of-range list bounds and values the body's JSON can carry but a field cannot accept.
/// </summary>
[TestFixture]
public sealed class ApiSemanticsTests : HubFixture
{
    [TestCase("GET", "/api/webhook", "POST")]
    [TestCase("PUT", "/api/webhook", "POST")]
    [TestCase("DELETE", "/api/admin/webhook-events/1/replay", "POST")]
    [TestCase("GET", "/api/admin/integrations/1/test", "POST")]
    [TestCase("PUT", "/health/live", "GET, HEAD")]
    [TestCase("POST", "/health/ready", "GET, HEAD")]
    public async Task A_known_path_with_the_wrong_method_is_405_naming_the_methods_it_takes(string method, string path, string allow)
    {
        using var response = await Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        string.Join(", ", response.Content.Headers.Allow).Should().Be(allow);
    }

    [TestCase("POST", "/nothing-here")]
    [TestCase("POST", "/api/nothing-here")]
    [TestCase("DELETE", "/api/admin/nothing-here")]
    [TestCase("GET", "/api/admin/webhook-events/1/nothing")]
    [TestCase("PUT", "/api/leads/1/nothing")]
    public async Task An_unknown_path_is_404_whatever_the_method(string method, string path)
    {
        using var response = await Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.Allow.Should().BeEmpty();
    }

    [TestCase("-1")]
    [TestCase("0")]
    [TestCase("501")]
    [TestCase("100000")]
    public async Task An_inbox_limit_outside_1_to_500_is_a_validation_problem(string limit)
    {
        var problem = await (await Admin.GetAsync($"/api/admin/webhook-events?limit={limit}")).ProblemAsync(HttpStatusCode.BadRequest);

        problem["errors"]!["limit"]![0]!.GetValue<string>().Should().Be("limit must be from 1 to 500 (default 100).");
    }

    [TestCase("1")]
    [TestCase("500")]
    public async Task An_inbox_limit_within_1_to_500_is_taken(string limit) =>
        (await Admin.GetAsync($"/api/admin/webhook-events?limit={limit}")).StatusCode.Should().Be(HttpStatusCode.OK);

    [TestCase("2026-01-01T00:00:00+15:00")]
    [TestCase("2026-01-01T00:00:00-14:30")]
    [TestCase("next tuesday")]
    public async Task A_time_outside_what_clocks_use_is_a_validation_problem_naming_the_field(string startTime)
    {
        var body = $$"""{"title":"Blocked","startTime":"{{startTime}}","endTime":"2026-01-01T10:00:00+14:00"}""";

        var problem = await (await Admin.PostRaw("/api/admin/integrations/987654/block-slots", body)).ProblemAsync(HttpStatusCode.BadRequest);

        problem.Str("title").Should().Be("Validation failed");
        problem["errors"]!["startTime"]![0]!.GetValue<string>().Should()
            .StartWith("startTime must be an ISO 8601 date and time with a time offset from -14:00 to +14:00");
    }

    [TestCase("ada@example.xn--p1ai", true, TestName = "An address under an internationalized top-level domain is taken everywhere")]
    [TestCase("ada.lovelace+hub@mail.example.co.uk", true, TestName = "An ordinary address is taken everywhere")]
    [TestCase("ada@example", false, TestName = "An address without a top-level domain is refused everywhere")]
    [TestCase("ada@example.c0m", false, TestName = "A top-level domain with a digit is refused everywhere")]
    [TestCase("ada example@example.com", false, TestName = "An address with a space is refused everywhere")]
    public async Task One_email_rule_for_users_admins_leads_and_configs(string email, bool valid)
    {
        var tenant = await App.CreateTenant("E-mail " + Guid.NewGuid().ToString("N")[..6]);
        var template = await (await Admin.PostJson("/api/admin/integration-templates", new
        {
            name = "mail_" + Guid.NewGuid().ToString("N")[..8], displayName = "Mail", category = "Test",
            configSchema = new { type = "object", properties = new { notify = new { type = "string", format = "email" } } },
        })).Json(HttpStatusCode.Created);
        var unique = Guid.NewGuid().ToString("N")[..6];
        var perUser = email.Replace("ada", "ada" + unique, StringComparison.Ordinal);
        var expected = valid ? new[] { HttpStatusCode.Created } : [HttpStatusCode.BadRequest];

        var answers = new Dictionary<string, HttpStatusCode>
        {
            ["user"] = (await Admin.PostJson($"/api/admin/sub-accounts/{tenant.SubAccountId}/users", new { email = perUser, name = "Ada" })).StatusCode,
            ["admin"] = (await Admin.PostJson("/api/admin/admins", new { email = "admin-" + perUser, name = "Ada" })).StatusCode,
            ["lead"] = (await tenant.Client.PostJson("/api/leads", new { name = "Ada", email })).StatusCode,
            ["config"] = (await Admin.PostJson("/api/admin/integrations", new
            {
                subAccountId = tenant.SubAccountId, integrationTemplateId = template.Id(), name = "Mail", config = new { notify = email },
            })).StatusCode,
        };

        answers.Should().AllSatisfy(a => a.Value.Should().Be(expected[0], $"the {a.Key} takes the same addresses as the others"));
    }
}
