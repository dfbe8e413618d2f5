using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Web.FunctionalTests.Support;
using static IntegrationHub.Web.FunctionalTests.Support.TemplateBodies;

namespace IntegrationHub.Web.FunctionalTests.Templates;

/// <summary>UpdateTemplate: an invalid schema is refused and the old one kept; an unknown template is a 404 (to update or delete).</summary>
[TestFixture]
public sealed class UpdateTemplateTests : HubFixture
{
    [Test]
    public async Task Update_or_delete_of_an_unknown_template_is_a_404()
    {
        await (await Admin.PutAsJsonAsync("/api/admin/integration-templates/99999", new { displayName = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.DeleteAsync("/api/admin/integration-templates/99999")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Update_with_an_invalid_schema_is_refused_and_keeps_the_old_one()
    {
        var created = await (await Admin.PostJson("/api/admin/integration-templates", ValidTemplate("keep_schema"))).Json(HttpStatusCode.Created);
        await (await Admin.PutAsJsonAsync($"/api/admin/integration-templates/{created.Id()}",
            new { configSchema = new { type = "array" } })).ProblemAsync(HttpStatusCode.BadRequest);

        var read = await App.Anonymous().GetJson($"/api/integration-templates/{created.Id()}");
        read["configSchema"]!.Str("type").Should().Be("object");
    }
}
