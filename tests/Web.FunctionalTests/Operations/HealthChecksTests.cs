using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Hangfire;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Jobs;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace IntegrationHub.Web.FunctionalTests.Operations;

/// <summary>
/// Operations with the real app, a real SQLite file and the fake GoHighLevel: the health sweep over healthy, failing,
/// rate-limited and stalled integrations at once, alerts once and on recovery delivered signed to a real listener,
/// the recurring jobs in storage, and retention.
/// </summary>
[TestFixture]
// Alone: the sweep tells stalled from answering integrations by one-second attempt timeouts and a three-second deadline;
// a machine shared with other fixtures' apps would make an answering one look stalled.
[NonParallelizable]
public sealed class HealthChecksTests() : GoHighLevelFixture(clearFaultsBeforeEachTest: false)
{
    private static readonly byte[] AlertKey = RandomNumberGenerator.GetBytes(32);
    private WireMockServer _alerts = null!;

    protected override void BeforeStart()
    {
        base.BeforeStart();
        _alerts = WireMockServer.Start();
        _alerts.Given(Request.Create().WithPath("/alerts").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        ["IntegrationHub:GoHighLevel:BaseDelay"] = "00:00:00.020",
        ["IntegrationHub:GoHighLevel:MaxDelay"] = "00:00:01",
        ["IntegrationHub:GoHighLevel:AttemptTimeout"] = "00:00:01",
        ["IntegrationHub:GoHighLevel:MaxAttempts"] = "2",
        ["IntegrationHub:GoHighLevel:InteractiveDeadline"] = "00:00:03",
        ["IntegrationHub:HealthChecks:AlertAfterFailures"] = "2",
        ["IntegrationHub:HealthChecks:Cron"] = "0 0 1 1 *", // the tests run sweeps themselves
        ["IntegrationHub:Alerts:WebhookUrl"] = _alerts.Url + "/alerts",
        ["IntegrationHub:Alerts:WebhookSecret"] = "whsec_" + Convert.ToBase64String(AlertKey),
    };

    protected override void AfterStop()
    {
        _alerts?.Stop();
        base.AfterStop();
    }

    private Tenant _lastTenant = null!;

    private async Task<(int Id, string LocationId)> ActiveIntegration(string token = FakeGoHighLevel.ValidToken)
    {
        var tenant = await App.CreateTenant("Health " + Guid.NewGuid().ToString("N")[..6]);
        var location = FakeGoHighLevel.NewLocationId();
        var id = await ConnectGoHighLevel(tenant, token, location, syncIntervalMinutes: 0, name: "GHL " + location);
        await (await Admin.PostJson($"/api/admin/integrations/{id}/status", new { status = "active" })).Json(HttpStatusCode.OK);
        _lastTenant = tenant;
        return (id, location);
    }

    private async Task Sweep()
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<HealthSweepJob>().RunAsync(CancellationToken.None);
    }

    [Test]
    public async Task One_sweep_checks_healthy_failing_rate_limited_and_stalled_integrations_side_by_side()
    {
        var healthy = await ActiveIntegration();
        var failing = await ActiveIntegration(token: "pit-revoked-token");
        var limited = await ActiveIntegration();
        var stalled = await ActiveIntegration();
        Ghl.FailLocation(limited.LocationId, FaultKind.RateLimited);
        Ghl.FailLocation(stalled.LocationId, FaultKind.Slow);

        var started = DateTime.UtcNow;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Sweep();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "checks run side by side, each within the 3 s deadline");

        var ok = await Admin.GetJson($"/api/admin/integrations/{healthy.Id}");
        ok.Str("status").Should().Be("active");
        ok["health"]!["consecutiveFailures"]!.GetValue<int>().Should().Be(0);
        ok["health"]!["lastCheckedAt"]!.GetValue<DateTime>().Should().BeOnOrAfter(started.AddSeconds(-1));
        ok["health"]!["nextCheckAt"]!.GetValue<DateTime>().Should().BeCloseTo(started.AddMinutes(15), TimeSpan.FromSeconds(30));

        foreach (var (id, reason) in new[] { (failing.Id, "401"), (limited.Id, "rate"), (stalled.Id, "did not answer") })
        {
            var read = await Admin.GetJson($"/api/admin/integrations/{id}");
            read.Str("status").Should().Be("error", $"integration {id}");
            read.Str("errorMessage").Should().ContainEquivalentOf(reason);
            read["health"]!["consecutiveFailures"]!.GetValue<int>().Should().Be(1);
            read["health"]!["nextCheckAt"]!.GetValue<DateTime>().Should().BeCloseTo(read["health"]!["lastCheckedAt"]!.GetValue<DateTime>().AddMinutes(1),
                TimeSpan.FromSeconds(7), "the first retry is a minute later, give or take 10%");
        }

        // Nothing is due now: a second sweep checks none of them (the backoff holds).
        var requestsBefore = Ghl.RequestsTo("/locations/").Count();
        await Sweep();
        Ghl.RequestsTo("/locations/").Count().Should().Be(requestsBefore);

        // Health is for admins; the tenant's own read leaves it out.
        (await Admin.GetJson("/api/admin/integrations")).AsArray().Should().OnlyContain(i => i!["health"] != null);
        (await _lastTenant.Client.GetJson($"/api/integrations/{stalled.Id}"))["health"].Should().BeNull();
    }

    [Test]
    public async Task An_integration_whose_template_has_no_check_is_skipped_with_a_reason()
    {
        var template = await (await Admin.PostJson("/api/admin/integration-templates", new
        {
            name = "nocheck_" + Guid.NewGuid().ToString("N")[..6], displayName = "No check", category = "CRM",
            configSchema = new { type = "object", properties = new { token = new { type = "string", format = "password" } } },
        })).Json(HttpStatusCode.Created);
        var tenant = await App.CreateTenant("No check");
        var created = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = template.Id(), name = "Custom", config = new { token = "t" },
        })).Json(HttpStatusCode.Created);
        await (await Admin.PostJson($"/api/admin/integrations/{created.Id()}/status", new { status = "active" })).Json(HttpStatusCode.OK);

        await Sweep();
        var read = await Admin.GetJson($"/api/admin/integrations/{created.Id()}");
        read["health"]!.Str("skippedReason").Should().Contain("no connection check");
        read["health"]!["lastCheckedAt"].Should().BeNull("the sweep skips it");
        var (ghl, _) = await ActiveIntegration();
        (await Admin.GetJson($"/api/admin/integrations/{ghl}"))["health"]!["skippedReason"].Should().BeNull();
    }

    [Test]
    public async Task A_failing_alert_is_raised_once_and_a_recovered_alert_on_the_first_success_both_delivered_signed()
    {
        const string token = "pit-alert-token";
        var (id, _) = await ActiveIntegration(token);
        for (var check = 0; check < 4; check++)
        {
            (await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>().Should().BeFalse();
        }

        var failing = (await Admin.GetJson($"/api/admin/alerts?integrationId={id}")).AsArray();
        failing.Should().ContainSingle("one alert per failing spell, however long").Which!.Str("kind").Should().Be("failing");

        Ghl.AcceptedTokens.Add(token);
        (await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>().Should().BeTrue();
        (await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>().Should().BeTrue();
        var alerts = (await Admin.GetJson($"/api/admin/alerts?integrationId={id}")).AsArray();
        alerts.Select(a => a!.Str("kind")).Should().Equal("recovered", "failing");
        (await Admin.GetJson($"/api/admin/alerts?integrationId={id}&kind=recovered")).AsArray().Should().ContainSingle();
        await (await Admin.GetAsync("/api/admin/alerts?kind=bogus")).ProblemAsync(HttpStatusCode.BadRequest);

        var delivered = await Poll.Eventually(() =>
        {
            var posts = _alerts.LogEntries.Where(e => e.RequestMessage.Body?.Contains($"\"integrationId\":{id}", StringComparison.Ordinal) == true).ToList();
            return Task.FromResult(posts.Count >= 2 ? posts : null);
        }, "both alerts at the webhook", seconds: 60);
        foreach (var post in delivered)
        {
            var message = post.RequestMessage;
            string Header(string name) => message.Headers![name].Single();
            var body = message.Body!;
            var expected = Convert.ToBase64String(HMACSHA256.HashData(AlertKey, Encoding.UTF8.GetBytes($"{Header("webhook-id")}.{Header("webhook-timestamp")}.{body}")));
            Header("webhook-signature").Should().Be("v1," + expected, "a Standard Webhooks library verifies it");
            var json = JsonNode.Parse(body)!;
            json.Str("type").Should().BeOneOf("integration.failing", "integration.recovered");
            json["alert"]!["integrationId"]!.GetValue<int>().Should().Be(id);
        }

        await Poll.Eventually(async () => (await Admin.GetJson($"/api/admin/alerts?integrationId={id}")).AsArray()
            .All(a => a!["deliveredAt"] is not null) ? "delivered" : null, "alerts marked delivered");
    }

    [Test]
    public async Task With_the_alert_webhook_down_alerts_are_stored_at_once_and_delivered_by_a_retry()
    {
        using var down = WireMockServer.Start();
        down.Given(Request.Create().WithPath("/alerts").UsingPost()).InScenario("delivery").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        down.Given(Request.Create().WithPath("/alerts").UsingPost()).InScenario("delivery").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(204));
        using var app = new HubApp(new Dictionary<string, string?>
        {
            ["IntegrationHub:HealthChecks:AlertAfterFailures"] = "1",
            ["IntegrationHub:HealthChecks:Cron"] = "0 0 1 1 *",
            ["IntegrationHub:Alerts:WebhookUrl"] = down.Url + "/alerts",
            ["IntegrationHub:Alerts:WebhookSecret"] = "whsec_" + Convert.ToBase64String(AlertKey),
        });
        var admin = app.Admin();
        var tenant = await app.CreateTenant("Alert down");
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL down",
            config = new { apiKey = "pit-never-valid", locationId = FakeGoHighLevel.NewLocationId(), baseUrl = Ghl.Url, syncIntervalMinutes = 0 },
        })).Json(HttpStatusCode.Created);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        (await (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).Json(HttpStatusCode.OK))["success"]!
            .GetValue<bool>().Should().BeFalse();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "delivery happens in the background, nothing waits for it");
        var stored = (await admin.GetJson($"/api/admin/alerts?integrationId={integration.Id()}")).AsArray().Should().ContainSingle().Subject!;
        stored.Str("kind").Should().Be("failing");

        await Poll.Eventually(async () => (await admin.GetJson($"/api/admin/alerts?integrationId={integration.Id()}")).AsArray()
            .Single()!["deliveredAt"] is not null ? "delivered" : null, "the retried delivery", seconds: 90);
        down.LogEntries.Count().Should().BeGreaterThanOrEqualTo(2, "the first attempt met a 503 and was retried");
    }

    [Test]
    public async Task The_recurring_jobs_are_registered_under_stable_ids_and_the_run_route_starts_a_sweep()
    {
        using (var connection = App.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection);
            recurring.Should().Contain(j => j.Id == HealthSweepJob.RecurringJobId && j.Cron == "0 0 1 1 *");
            recurring.Should().Contain(j => j.Id == WebhookJobs.SweeperJobId);
            recurring.Should().Contain(j => j.Id == RetentionJob.RecurringJobId);
            recurring.Should().NotContain(j => j.Id == "integration-health-checks", "retired ids are removed at start");
        }

        var (id, _) = await ActiveIntegration();
        (await Admin.PostAsync("/api/admin/health-checks/run", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Poll.Eventually(async () => (await Admin.GetJson($"/api/admin/integrations/{id}"))["health"]!["lastCheckedAt"] is not null ? "checked" : null,
            "the sweep started by the route to check the integration", seconds: 60);
        var tenant = await App.CreateTenant("No sweeps");
        (await tenant.Client.PostAsync("/api/admin/health-checks/run", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Retention_purges_old_processed_events_runs_and_alerts_and_keeps_dead_letters_and_recent_ones()
    {
        var (integrationId, location) = await ActiveIntegration();
        var old = DateTime.UtcNow.AddDays(-40);
        var recent = DateTime.UtcNow.AddDays(-1);
        int oldProcessed, deadLetter, recentProcessed, oldRun, oldAlert;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            WebhookEvent Event(string id, DateTime at)
            {
                var e = WebhookEvent.Receive(id, "gohighlevel", "ContactCreate", location, integrationId, null, "hmac-sha256", "{}", at);
                db.WebhookEvents.Add(e);
                return e;
            }

            var processed = Event("retention-old-" + Guid.NewGuid(), old);
            processed.MarkProcessed(old, TimeSpan.Zero);
            var dead = Event("retention-dead-" + Guid.NewGuid(), old);
            dead.MarkUnusable("kept until replayed", old);
            var fresh = Event("retention-new-" + Guid.NewGuid(), recent);
            fresh.MarkProcessed(recent, TimeSpan.Zero);
            var run = SyncRun.Queue(integrationId, "manual", old);
            run.Start(old);
            run.Succeed(old);
            db.SyncRuns.Add(run);
            var alert = IntegrationAlert.Raise(integrationId, AlertKind.Failing, "old", old);
            db.IntegrationAlerts.Add(alert);
            await db.SaveChangesAsync();
            (oldProcessed, deadLetter, recentProcessed, oldRun, oldAlert) = (processed.Id, dead.Id, fresh.Id, run.Id, alert.Id);
        }

        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
        }

        using var check = App.Services.CreateScope();
        var read = check.ServiceProvider.GetRequiredService<AppDbContext>();
        (await read.WebhookEvents.AnyAsync(e => e.Id == oldProcessed)).Should().BeFalse();
        (await read.WebhookEvents.AnyAsync(e => e.Id == deadLetter)).Should().BeTrue("dead letters wait for an admin");
        (await read.WebhookEvents.AnyAsync(e => e.Id == recentProcessed)).Should().BeTrue();
        (await read.SyncRuns.AnyAsync(r => r.Id == oldRun)).Should().BeFalse();
        (await read.IntegrationAlerts.AnyAsync(a => a.Id == oldAlert)).Should().BeFalse();
    }
}
