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
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel;

/// <summary>
/// An integration's connection test against the fake GoHighLevel (TestConnection): success activates it, bad credentials,
/// an outage, an open circuit, a stall or a rate limit put it in error with the real cause and no secret, an OAuth token
/// is refreshed, and a template without a test says so.
/// </summary>
[TestFixture]
public sealed class TestConnectionTests : GoHighLevelConnectorFixture
{
    [Test]
    public async Task A_successful_test_activates_the_integration()
    {
        var (_, id) = await Connected();
        var result = await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK);

        result["success"]!.GetValue<bool>().Should().BeTrue();
        result["data"]!["locationsCount"]!.GetValue<int>().Should().Be(1);
        result["data"]!.Str("apiVersion").Should().Be("2021-07-28");
        var integration = await Admin.GetJson($"/api/admin/integrations/{id}");
        integration.Str("status").Should().Be("active");
        integration["lastSyncAt"]!.GetValue<DateTime>().Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        integration["errorMessage"].Should().BeNull();
    }

    [Test]
    public async Task Bad_credentials_put_the_integration_in_error_with_gohighlevels_reason_and_no_secret()
    {
        const string badToken = "pit-bad-token-99887766";
        var (_, id) = await Connected(apiKey: badToken);
        var result = await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK);

        result["success"]!.GetValue<bool>().Should().BeFalse();
        result.Str("message").Should().Contain("Invalid JWT").And.NotContain(badToken);
        var integration = await Admin.GetJson($"/api/admin/integrations/{id}");
        integration.Str("status").Should().Be("error");
        integration.Str("errorMessage").Should().Contain("401");
        integration["lastSyncAt"].Should().BeNull();
        App.Logs.All.Should().NotContain(badToken);

        // Fixing the token and testing again recovers it.
        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { apiKey = FakeGoHighLevel.ValidToken } })).Json(HttpStatusCode.OK);
        (await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>().Should().BeTrue();
        (await Admin.GetJson($"/api/admin/integrations/{id}")).Str("status").Should().Be("active");
    }

    [Test]
    public async Task A_gohighlevel_outage_ends_in_error_status_with_a_useful_message()
    {
        var (_, id) = await Connected();
        // More faults than the test's three attempts: a background health check of another integration in this fixture
        // may take one of them meanwhile (it did once in CI, and the third attempt then succeeded). The rest are cleared
        // before the next test.
        Ghl.Fail(FaultKind.ServerError, count: 6, pathPrefix: "/locations");
        var result = await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK);
        result["success"]!.GetValue<bool>().Should().BeFalse();
        result.Str("message").Should().Contain("500");
        (await Admin.GetJson($"/api/admin/integrations/{id}")).Str("status").Should().Be("error");
    }

    [Test]
    public async Task While_the_circuit_is_open_every_answer_still_names_the_real_cause()
    {
        // A port that listened a moment ago: connections to it are refused at once.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var refusing = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        var tenant = await App.CreateTenant("Refused " + Guid.NewGuid().ToString("N")[..6]);
        var id = (await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "Unreachable GHL",
            config = new { apiKey = FakeGoHighLevel.ValidToken, locationId = FakeGoHighLevel.NewLocationId(), baseUrl = refusing },
        })).Json(HttpStatusCode.Created)).Id();

        // Three tests of three attempts: the fifth refused attempt opens the circuit (threshold 5), the rest fail fast.
        var answers = new List<string>();
        for (var test = 0; test < 3; test++)
        {
            answers.Add((await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK)).Str("message"));
        }

        answers[0].Should().Be("GoHighLevel's host refused the connection, after 3 attempts.");
        answers.Skip(1).Should().AllSatisfy(message => message.Should()
            .StartWith("GoHighLevel's host refused the connection; calls for this location are paused until ")
            .And.MatchRegex(@"paused until \d\d:\d\d:\d\d UTC \(circuit open\)\.$"));

        var integration = await Admin.GetJson($"/api/admin/integrations/{id}");
        integration.Str("errorMessage").Should().Be(answers[2]);
        var alert = (await Admin.GetJson($"/api/admin/alerts?integrationId={id}&kind=failing")).AsArray().Should().ContainSingle().Subject!;
        alert.Str("message").Should().Contain("refused the connection").And.Contain("circuit open");
        var runId = (await (await Admin.PostAsync($"/api/admin/integrations/{id}/sync", null)).Json(HttpStatusCode.Accepted))["syncRunId"]!.GetValue<int>();
        var run = await FinishedRun(id, runId);
        run.Str("status").Should().Be("failed");
        run.Str("error").Should().StartWith("GoHighLevel's host refused the connection; calls for this location are paused until ");
    }

    [Test]
    public async Task An_oauth_integration_refreshes_its_token_and_stores_the_new_refresh_token_encrypted()
    {
        var tenant = await App.CreateTenant("OAuth");
        Ghl.RefreshToken = "refresh-token-1";
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL OAuth",
            config = new
            {
                apiKey = "expired-access-token", locationId = FakeGoHighLevel.NewLocationId(), baseUrl = Ghl.Url,
                clientId = "client-1", clientSecret = "client-secret-1", refreshToken = "refresh-token-1",
            },
        })).Json(HttpStatusCode.Created);
        integration["config"]!.Str("refreshToken").Should().Be("********");

        var result = await (await Admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).Json(HttpStatusCode.OK);
        result["success"]!.GetValue<bool>().Should().BeTrue();

        using var scope = App.Services.CreateScope();
        var stored = scope.ServiceProvider.GetRequiredService<AppDbContext>().Integrations.AsNoTracking().Single(i => i.Id == integration.Id());
        stored.ConfigJson.Should().NotContain(Ghl.RefreshToken, "the new refresh token is stored encrypted");
        var config = scope.ServiceProvider.GetRequiredService<IntegrationHub.Application.Integrations.IntegrationConfigEditor>()
            .Decrypt(stored.ConfigJson, stored.SubAccountId, stored.SecretScope);
        config["refreshToken"]!.GetValue<string>().Should().Be(Ghl.RefreshToken).And.NotBe("refresh-token-1");
        config["apiKey"]!.GetValue<string>().Should().StartWith("access-");
        config["accessTokenExpiresAt"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        // The next call uses the stored token: no refresh needed.
        var refreshes = Ghl.RefreshCalls;
        (await (await Admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).Json(HttpStatusCode.OK))["success"]!
            .GetValue<bool>().Should().BeTrue();
        Ghl.RefreshCalls.Should().Be(refreshes);
    }

    [Test]
    public async Task Templates_without_a_connection_test_say_so_and_keep_their_status()
    {
        var template = await (await Admin.PostJson("/api/admin/integration-templates", new
        {
            name = "custom_" + Guid.NewGuid().ToString("N")[..6], displayName = "Custom", category = "CRM", configSchema = new { type = "object" },
        })).Json(HttpStatusCode.Created);
        var tenant = await App.CreateTenant("No test");
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = template.Id(), name = "Custom", config = new { },
        })).Json(HttpStatusCode.Created);

        var result = await (await Admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).Json(HttpStatusCode.OK);
        result["success"]!.GetValue<bool>().Should().BeFalse();
        result.Str("message").Should().Be("Connection test not available for this integration type.");
        (await Admin.GetJson($"/api/admin/integrations/{integration.Id()}")).Str("status").Should().Be("pending");
        await (await Admin.PostAsync("/api/admin/integrations/99999/test", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_stalled_gohighlevel_gets_the_connection_test_an_answer_by_the_interactive_deadline()
    {
        using var app = new HubApp(new Dictionary<string, string?>
        {
            ["IntegrationHub:GoHighLevel:AttemptTimeout"] = "00:00:05",
            ["IntegrationHub:GoHighLevel:MaxAttempts"] = "4",
            ["IntegrationHub:GoHighLevel:InteractiveDeadline"] = "00:00:02",
        });
        var tenant = await app.CreateTenant("Stalled");
        var integration = await (await app.Admin().PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "Stalled GHL",
            config = new { apiKey = FakeGoHighLevel.ValidToken, locationId = FakeGoHighLevel.NewLocationId(), baseUrl = Ghl.Url },
        })).Json(HttpStatusCode.Created);
        Ghl.Fail(FaultKind.Slow, count: 4, pathPrefix: "/locations", delay: TimeSpan.FromSeconds(6));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await (await app.Admin().PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).Json(HttpStatusCode.OK);
        watch.Stop();

        result["success"]!.GetValue<bool>().Should().BeFalse();
        result.Str("message").Should().Contain("did not answer within 2 s");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "four 5 s attempts would take 20 s and more");
        (await app.Admin().GetJson($"/api/admin/integrations/{integration.Id()}")).Str("status").Should().Be("error");
    }

    [Test]
    public async Task A_connection_test_rate_limited_on_every_attempt_says_rate_limited_and_when_to_retry_not_no_answer()
    {
        using var app = new HubApp(new Dictionary<string, string?>
        {
            ["IntegrationHub:GoHighLevel:MaxAttempts"] = "4",
            ["IntegrationHub:GoHighLevel:InteractiveDeadline"] = "00:00:03",
        });
        var tenant = await app.CreateTenant("Rate-limited");
        var integration = await (await app.Admin().PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "Busy GHL",
            config = new { apiKey = FakeGoHighLevel.ValidToken, locationId = FakeGoHighLevel.NewLocationId(), baseUrl = Ghl.Url },
        })).Json(HttpStatusCode.Created);
        Ghl.Fail(FaultKind.RateLimited, count: 10, pathPrefix: "/locations");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await (await app.Admin().PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).Json(HttpStatusCode.OK);
        watch.Stop();

        result["success"]!.GetValue<bool>().Should().BeFalse();
        result.Str("message").Should().StartWith("GoHighLevel is rate-limiting this location (HTTP 429 on every attempt")
            .And.MatchRegex(@"try again after \d\d:\d\d:\d\d UTC\.$").And.NotContain("did not answer");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        (await app.Admin().GetJson($"/api/admin/integrations/{integration.Id()}")).Str("errorMessage").Should().Be(result.Str("message"));
    }
}
