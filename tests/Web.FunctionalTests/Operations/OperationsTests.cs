using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Operations;

[TestFixture]
public sealed class OperationsTests : HubFixture
{
    [Test]
    public async Task Health_endpoints_report_live_and_ready_once_migrated()
    {
        var client = App.Anonymous();
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Test]
    [Category(TestCategories.SqliteOnly)]
    public async Task The_database_is_a_real_sqlite_file_in_the_data_directory()
    {
        await App.Anonymous().GetAsync("/api/integration-templates");
        File.Exists(App.DatabasePath).Should().BeTrue();
        var header = new byte[16];
        await using (var file = new FileStream(App.DatabasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            await file.ReadExactlyAsync(header);
        }

        System.Text.Encoding.ASCII.GetString(header).Should().StartWith("SQLite format 3");
    }

    [Test]
    public async Task OpenApi_document_lists_the_routes_and_the_reference_page_is_served()
    {
        var document = await App.Anonymous().GetJson("/openapi/v1.json");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().Contain(["/api/integration-templates", "/api/admin/sub-accounts", "/api/leads"]);

        var page = await App.Anonymous().GetAsync("/scalar/v1");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("<html", Exactly.Once(), "it is an HTML page");
    }

    [Test]
    public async Task Unknown_route_is_a_404_problem()
    {
        var response = await App.Admin().GetAsync("/api/admin/nothing-here");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
