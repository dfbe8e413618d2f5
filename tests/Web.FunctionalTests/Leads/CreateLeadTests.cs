using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>
/// A tenant creates a lead (CreateLead): assigned to its user and first strategy with the sub-account's timezone; invalid
/// leads refused and not stored.
/// </summary>
[TestFixture]
public sealed class CreateLeadTests : HubFixture
{
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
}
