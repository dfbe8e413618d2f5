using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Templates;

/// <summary>Anyone lists and reads templates (ListTemplates, GetTemplate): the seeded defaults and their schemas.</summary>
[TestFixture]
public sealed class ListTemplatesTests : HubFixture
{
    [Test]
    public async Task Default_templates_are_seeded_and_readable_by_anyone()
    {
        var list = (await App.Anonymous().GetJson("/api/integration-templates")).AsArray();
        var names = list.Select(t => t!.Str("name")).ToList();
        names.Should().Contain(["gohighlevel", "facebook_ads", "google_analytics"]);

        var ghl = list.Single(t => t!.Str("name") == "gohighlevel")!;
        ghl["isActive"]!.GetValue<bool>().Should().BeTrue();
        ghl.Str("category").Should().Be("CRM");
        ghl["integrationCount"]!.GetValue<int>().Should().Be(0);
        list.Single(t => t!.Str("name") == "facebook_ads")!["isActive"]!.GetValue<bool>().Should().BeFalse();
        list.Single(t => t!.Str("name") == "google_analytics")!.Str("category").Should().Be("Analytics");

        var one = await App.Anonymous().GetJson($"/api/integration-templates/{ghl.Id()}");
        var properties = one["configSchema"]!["properties"]!;
        properties["apiKey"]!.Str("format").Should().Be("password");
        properties["clientSecret"]!.Str("format").Should().Be("password");
        properties["baseUrl"]!.Str("default").Should().Be("https://services.leadconnectorhq.com");
        properties["apiVersion"]!.Str("default").Should().Be("2021-07-28");
        one.Str("setupInstructions").Should().StartWith("# Connect GoHighLevel");
    }
}
