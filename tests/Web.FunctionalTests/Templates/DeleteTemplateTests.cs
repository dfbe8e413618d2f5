using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;
using static IntegrationHub.Web.FunctionalTests.Support.TemplateBodies;

namespace IntegrationHub.Web.FunctionalTests.Templates;

/// <summary>DeleteTemplate: a template integrations use is refused (409) and stays.</summary>
[TestFixture]
public sealed class DeleteTemplateTests : HubFixture
{
    [Test]
    public async Task A_template_in_use_cannot_be_deleted()
    {
        var template = await (await Admin.PostJson("/api/admin/integration-templates", ValidTemplate("in_use"))).Json(HttpStatusCode.Created);
        var tenant = await App.CreateTenant("In use");
        await App.AddIntegration(tenant.SubAccountId, template.Id());

        var read = await App.Anonymous().GetJson($"/api/integration-templates/{template.Id()}");
        read["integrationCount"]!.GetValue<int>().Should().Be(1);
        await (await Admin.DeleteAsync($"/api/admin/integration-templates/{template.Id()}")).ProblemAsync(HttpStatusCode.Conflict);
        (await App.Anonymous().GetAsync($"/api/integration-templates/{template.Id()}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
