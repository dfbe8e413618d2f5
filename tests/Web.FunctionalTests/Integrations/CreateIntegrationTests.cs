using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Integrations;

/// <summary>CreateIntegration: a config that fails the schema, unknown references and inactive templates are refused and store nothing.</summary>
[TestFixture]
public sealed class CreateIntegrationTests : IntegrationFixture
{
    [Test]
    public async Task A_config_that_fails_the_schema_gets_one_error_per_path_and_stores_nothing()
    {
        var before = (await Admin.GetJson("/api/admin/integrations")).AsArray().Count;
        var problem = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = TenantA.SubAccountId,
            integrationTemplateId = GoHighLevelTemplateId,
            name = "Broken",
            config = new { apiKey = 12345, baseUrl = 7, syncIntervalMinutes = -5 },
        })).ProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.Should().Contain(["config/apiKey", "config/locationId"]);
        problem.ToJsonString().Should().NotContain("12345");

        var typed = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = TenantA.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "Broken 2",
            config = new { apiKey = "k", locationId = "l", baseUrl = 7, syncIntervalMinutes = -5 },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        typed["errors"]!.AsObject().Select(e => e.Key).Should().Contain(["config/baseUrl", "config/syncIntervalMinutes"]);

        (await Admin.GetJson("/api/admin/integrations")).AsArray().Count.Should().Be(before);
    }

    [Test]
    public async Task Unknown_references_and_inactive_templates_are_refused()
    {
        var facebook = (await App.Anonymous().GetJson("/api/integration-templates")).AsArray()
            .Single(t => t!.Str("name") == "facebook_ads")!.Id();
        object Body(int subAccountId, int templateId) => new
        {
            subAccountId, integrationTemplateId = templateId, name = "X", config = new { apiKey = "k", locationId = "l" },
        };

        await (await Admin.PostJson("/api/admin/integrations", Body(TenantA.SubAccountId, 98765))).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostJson("/api/admin/integrations", Body(98765, GoHighLevelTemplateId))).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostJson("/api/admin/integrations", Body(TenantA.SubAccountId, facebook))).ProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.PostJson("/api/admin/integrations", new { subAccountId = TenantA.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "X", config = "str" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await Admin.PostJson("/api/admin/integrations", new { subAccountId = TenantA.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, config = new { } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }
}
