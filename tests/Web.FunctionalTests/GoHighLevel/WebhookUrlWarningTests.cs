using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel;

/// <summary>
/// <c>setup-ghl-webhook</c> hands out a URL built from the request unless <c>PublicBaseUrl</c> is set: on a default
/// install that is <c>http://localhost:...</c>, which GoHighLevel cannot reach. The answer keeps the contract's fields
/// and adds <c>warnings</c> saying so; behind a TLS proxy that forwards its scheme and host (deploy/) it has none.
/// </summary>
[TestFixture]
public sealed class WebhookUrlWarningTests : HubFixture
{
    // As the systemd unit in deploy/ runs it. Without X-Forwarded-* headers (the first test) it changes nothing.
    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["ForwardedHeaders_Enabled"] = "true" };

    private async Task<int> GoHighLevelIntegration()
    {
        var tenant = await App.CreateTenant("Warned " + Guid.NewGuid().ToString("N")[..6]);
        return (await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL",
            config = new { apiKey = "pit-x", locationId = FakeGoHighLevel.NewLocationId() },
        })).Json(HttpStatusCode.Created)).Id();
    }

    [Test]
    public async Task A_webhook_url_built_from_a_local_http_request_comes_with_warnings_that_name_the_setting()
    {
        var id = await GoHighLevelIntegration();

        var setup = await (await Admin.PostAsync($"/api/admin/integrations/{id}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK);

        var hub = Admin.BaseAddress!; // http://127.0.0.1:<port>, as http://localhost:5080 on a default install
        setup.Str("webhookUrl").Should().Be($"http://{hub.Authority}/api/webhook");
        setup.Str("secret").Should().StartWith("whsec_");
        setup.Str("instructions").Should().Contain(setup.Str("webhookUrl"));
        var warnings = setup["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        warnings.Should().SatisfyRespectively(
            http => http.Should().Contain("uses http, not https"),
            host => host.Should().Contain(hub.Host).And.Contain("loopback").And.Contain("GoHighLevel cannot reach it"));
        warnings.Should().OnlyContain(w => w.Contains("IntegrationHub__Webhooks__PublicBaseUrl"));
    }

    [Test]
    public async Task Behind_a_tls_proxy_that_forwards_scheme_and_host_the_url_is_public_https_without_warnings()
    {
        var id = await GoHighLevelIntegration();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/integrations/{id}/setup-ghl-webhook");
        // What deploy/nginx and deploy/caddy send.
        request.Headers.Host = "hub.example.com";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var setup = await (await Admin.SendAsync(request)).Json(HttpStatusCode.OK);

        setup.Str("webhookUrl").Should().Be("https://hub.example.com/api/webhook");
        setup["warnings"]!.AsArray().Should().BeEmpty();
    }
}
