using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Integrations;

/// <summary>ListVisibleIntegrations: tenants see only their own integrations, and no admin integration route.</summary>
[TestFixture]
public sealed class ListVisibleIntegrationsTests : IntegrationFixture
{
    [Test]
    public async Task Tenants_see_only_their_own_integrations()
    {
        var ofA = (await CreateGhl(TenantA, name: "Isolation A")).Id();
        var ofB = (await CreateGhl(TenantB, name: "Isolation B")).Id();

        var listA = (await TenantA.Client.GetJson("/api/integrations")).AsArray();
        listA.Select(i => i!.Id()).Should().Contain(ofA).And.NotContain(ofB);
        listA.Should().OnlyContain(i => i!["subAccountId"]!.GetValue<int>() == TenantA.SubAccountId);
        listA.Single(i => i!.Id() == ofA)!["config"]!.Str("apiKey").Should().Be("********");

        (await TenantA.Client.GetJson($"/api/integrations/{ofA}")).Str("name").Should().Be("Isolation A");
        await (await TenantA.Client.GetAsync($"/api/integrations/{ofB}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await TenantB.Client.GetAsync($"/api/integrations/{ofA}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await App.Anonymous().GetAsync("/api/integrations")).ProblemAsync(HttpStatusCode.Unauthorized);

        // Every admin integration route is closed to tenants, whoever owns the integration.
        foreach (var (method, url) in new[]
        {
            ("GET", "/api/admin/integrations"), ("GET", $"/api/admin/integrations/{ofA}"), ("PUT", $"/api/admin/integrations/{ofA}"),
            ("DELETE", $"/api/admin/integrations/{ofA}"), ("POST", $"/api/admin/integrations/{ofA}/status"),
            ("POST", "/api/admin/integrations"), ("POST", "/api/admin/encryption/reencrypt"),
        })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { status = "active" }) };
            (await TenantA.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {url}");
            request = new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { status = "active" }) };
            (await App.Anonymous().SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{method} {url}");
        }

        (await TenantA.Client.GetJson($"/api/integrations/{ofA}")).Str("status").Should().Be("pending", "nothing above changed it");
    }
}
