using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Api;

/// <summary>The words of the 4xx answers, as a user reads them: no framework internals.</summary>
[TestFixture]
public sealed class ProblemWordingTests : HubFixture
{
    [Test]
    public async Task Four_hundreds_read_as_written_for_a_user()
    {
        var tenant = await App.CreateTenant("Words");

        var adminOnTenantRoute = await (await Admin.PostJson("/api/leads", new { name = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
        adminOnTenantRoute.Str("detail").Should().Contain("tenant users").And.NotContain("admins only");
        var tenantOnAdminRoute = await (await tenant.Client.GetAsync("/api/admin/sub-accounts")).ProblemAsync(HttpStatusCode.Forbidden);
        tenantOnAdminRoute.Str("detail").Should().Contain("admins only");

        var empty = await (await Admin.PostAsync("/api/admin/sub-accounts", new StringContent("", System.Text.Encoding.UTF8, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        empty.Str("detail").Should().Be("This route needs a JSON body.");

        var page = await (await tenant.Client.GetAsync("/api/leads?page=abc")).ProblemAsync(HttpStatusCode.BadRequest);
        page.Str("detail").Should().Be("page must be a whole number.");

        var typo = await (await Admin.PostJson("/api/admin/integration-templates", new
        {
            name = "typo_" + Guid.NewGuid().ToString("N")[..6], displayName = "Typo", category = "CRM",
            configSchema = JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"strin"}}}"""),
        })).ProblemAsync(HttpStatusCode.BadRequest);
        typo["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["configSchema/properties/a/type"], "only the misspelled type is wrong");

        foreach (var problem in new[] { adminOnTenantRoute, tenantOnAdminRoute, empty, page, typo })
        {
            problem.ToJsonString().Should().NotContainAny("Nullable<", "Implicit body", "parameter \"", "Exception");
        }
    }
}
