using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Integrations;

/// <summary>DeleteIntegration: the admin list filters by template; a deleted integration is gone (404 after).</summary>
[TestFixture]
public sealed class DeleteIntegrationTests : IntegrationFixture
{
    [Test]
    public async Task Admin_list_filters_by_template_and_delete_removes()
    {
        var id = (await CreateGhl(TenantB, name: "To delete")).Id();
        (await Admin.GetJson("/api/admin/integrations?template=gohighlevel")).AsArray().Select(i => i!.Id()).Should().Contain(id);
        (await Admin.GetJson("/api/admin/integrations?template=facebook_ads")).AsArray().Should().BeEmpty();

        (await Admin.DeleteAsync($"/api/admin/integrations/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await Admin.GetAsync($"/api/admin/integrations/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.DeleteAsync($"/api/admin/integrations/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
