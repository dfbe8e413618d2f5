using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.Storage;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Jobs;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel;

/// <summary>
/// The GoHighLevel routes and the Hangfire dashboard are for admins only.
/// </summary>
[TestFixture]
public sealed class GoHighLevelRouteAccessTests : GoHighLevelConnectorFixture
{
    [Test]
    public async Task The_hangfire_dashboard_is_for_admins_only()
    {
        var anonymous = await App.Anonymous().GetAsync("/hangfire");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().Contain("Basic");
        var tenant = await App.CreateTenant("Dashboard");
        (await tenant.Client.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Admin.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.OK);

        var browser = App.Anonymous();
        browser.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + HubApp.AdminToken)));
        (await browser.GetAsync("/hangfire/recurring")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.GetAsync("/api/admin/sub-accounts")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "Basic works only for the dashboard");
    }

    [Test]
    public async Task Gohighlevel_routes_are_admin_only()
    {
        var (tenant, id) = await Connected();
        foreach (var path in new[] { "test", "setup-ghl-webhook", "sync", "block-slots" })
        {
            (await tenant.Client.PostAsync($"/api/admin/integrations/{id}/{path}", JsonContent.Create(new { }))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await App.Anonymous().PostAsync($"/api/admin/integrations/{id}/{path}", JsonContent.Create(new { }))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await tenant.Client.GetAsync($"/api/admin/integrations/{id}/sync-runs")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
