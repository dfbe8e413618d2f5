using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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

/// <summary>Connection test, webhook setup, sync in and out, end to end against the fake GoHighLevel.</summary>
[TestFixture]
public sealed class GoHighLevelConnectorTests : GoHighLevelFixture
{
    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        ["IntegrationHub:GoHighLevel:BaseDelay"] = "00:00:00.020",
        ["IntegrationHub:GoHighLevel:MaxDelay"] = "00:00:01",
        // The fixture's first call (cold server and code, on a busy machine) can take over a second; a timeout here would
        // turn a test about GoHighLevel's answer into one about a retry. Stalls are tested with an app of their own.
        ["IntegrationHub:GoHighLevel:AttemptTimeout"] = "00:00:05",
        ["IntegrationHub:GoHighLevel:MaxAttempts"] = "3",
        ["IntegrationHub:Webhooks:PublicBaseUrl"] = "https://hub.example.com/",
    };

    private async Task<(Tenant Tenant, int IntegrationId)> Connected(string apiKey = FakeGoHighLevel.ValidToken, int syncInterval = 0)
    {
        var tenant = await App.CreateTenant("GHL " + Guid.NewGuid().ToString("N")[..6]);
        return (tenant, await ConnectGoHighLevel(tenant, apiKey, syncIntervalMinutes: syncInterval, calendarId: "cal-1"));
    }

    private async Task<JsonNode> FinishedRun(int integrationId, int runId) =>
        await Poll.Eventually(async () =>
        {
            var runs = (await Admin.GetJson($"/api/admin/integrations/{integrationId}/sync-runs")).AsArray();
            var run = runs.Single(r => r!.Id() == runId)!;
            return run.Str("status") is "succeeded" or "failed" ? run : null;
        }, $"sync run {runId}");

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
    public async Task Webhook_setup_returns_url_secret_and_instructions_once_and_rotation_keeps_the_old_secret_for_a_while()
    {
        var (_, id) = await Connected();
        var first = await (await Admin.PostAsync($"/api/admin/integrations/{id}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK);
        first.Str("webhookUrl").Should().Be("https://hub.example.com/api/webhook");
        var secret = first.Str("secret");
        secret.Should().StartWith("whsec_");
        first.Str("instructions").Should().Contain("x-webhook-token").And.Contain("{{contact.email}}").And.Contain(first.Str("webhookUrl"));

        var integration = await Admin.GetJson($"/api/admin/integrations/{id}");
        integration["hasWebhookSecret"]!.GetValue<bool>().Should().BeTrue();
        integration["config"]!.Str("webhookUrl").Should().Be("https://hub.example.com/api/webhook");
        integration.ToJsonString().Should().NotContain(secret);

        var second = await (await Admin.PostAsync($"/api/admin/integrations/{id}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK);
        second.Str("secret").Should().NotBe(secret);
        using var scope = App.Services.CreateScope();
        var stored = scope.ServiceProvider.GetRequiredService<AppDbContext>().Integrations.AsNoTracking().Single(i => i.Id == id);
        stored.PreviousWebhookSecret.Should().NotBeNull();
        stored.PreviousWebhookSecretExpiresAt.Should().BeCloseTo(DateTime.UtcNow.AddHours(24), TimeSpan.FromMinutes(1));
        stored.WebhookSecret.Should().StartWith("enc:v1:").And.NotContain(second.Str("secret"));
    }

    [Test]
    public async Task Sync_pages_through_contacts_into_leads_and_running_it_again_creates_nothing_new()
    {
        var (tenant, id) = await Connected();
        var stamp = DateTimeOffset.UtcNow.AddDays(-2);
        var ids = Enumerable.Range(1, 230).Select(i => Ghl.AddContact($"First{i}", $"Last{i}", $"c{i}@sync.test", stamp)).ToList();

        var started = await Admin.PostAsync($"/api/admin/integrations/{id}/sync", null);
        var runId = (await started.Json(HttpStatusCode.Accepted))["syncRunId"]!.GetValue<int>();
        var run = await FinishedRun(id, runId);
        run.Str("status").Should().Be("succeeded");
        run["created"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(230);
        run["pages"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(3);
        run["failed"]!.GetValue<int>().Should().Be(0);

        var leads = await tenant.Client.GetJson("/api/leads?pageSize=100");
        leads["total"]!.GetValue<int>().Should().Be(run["created"]!.GetValue<int>());
        var all = new List<JsonNode>();
        for (var page = 1; all.Count < leads["total"]!.GetValue<int>(); page++)
        {
            all.AddRange((await tenant.Client.GetJson($"/api/leads?pageSize=100&page={page}"))["items"]!.AsArray().Select(l => l!));
        }

        all.Select(l => l.Str("externalContactId")).Should().OnlyHaveUniqueItems().And.Contain(ids);
        var one = all.Single(l => l.Str("externalContactId") == ids[0]);
        one.Str("name").Should().Be("first1 last1");
        one["regularUserId"]!.GetValue<int>().Should().Be(tenant.UserId);
        one["strategyId"]!.GetValue<int>().Should().Be(tenant.StrategyId);

        // Again: nothing new. A contact changed in GoHighLevel since: updated (last write wins).
        Ghl.AddContact("Changed", "Name", "c1@sync.test", DateTimeOffset.UtcNow, id: ids[0]);
        var again = await FinishedRun(id, (await (await Admin.PostAsync($"/api/admin/integrations/{id}/sync", null)).Json(HttpStatusCode.Accepted))["syncRunId"]!.GetValue<int>());
        again["created"]!.GetValue<int>().Should().Be(0);
        again["updated"]!.GetValue<int>().Should().Be(1);
        (await tenant.Client.GetJson("/api/leads?pageSize=1"))["total"]!.GetValue<int>().Should().Be(leads["total"]!.GetValue<int>());
        (await tenant.Client.GetJson($"/api/leads/{one.Id()}")).Str("firstName").Should().Be("Changed");

        var integration = await Admin.GetJson($"/api/admin/integrations/{id}");
        integration.Str("status").Should().Be("active", "a successful sync proves the connection");
    }

    [Test]
    public async Task Only_one_sync_runs_per_integration_at_a_time()
    {
        var (_, id) = await Connected();
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var running = SyncRun.Queue(id, "manual", DateTime.UtcNow);
            running.Start(DateTime.UtcNow);
            db.SyncRuns.Add(running);
            await db.SaveChangesAsync();
        }

        await (await Admin.PostAsync($"/api/admin/integrations/{id}/sync", null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task A_sync_that_gohighlevel_refuses_fails_the_run_and_the_integration()
    {
        var (_, id) = await Connected(apiKey: "pit-not-accepted-555");
        var runId = (await (await Admin.PostAsync($"/api/admin/integrations/{id}/sync", null)).Json(HttpStatusCode.Accepted))["syncRunId"]!.GetValue<int>();
        var run = await FinishedRun(id, runId);
        run.Str("status").Should().Be("failed");
        run.Str("error").Should().Contain("401").And.NotContain("pit-not-accepted-555");
        (await Admin.GetJson($"/api/admin/integrations/{id}")).Str("status").Should().Be("error");
    }

    [Test]
    public async Task A_lead_created_in_the_hub_is_pushed_to_gohighlevel_and_gets_the_contact_id()
    {
        var (tenant, id) = await Connected();
        (await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>().Should().BeTrue();

        var lead = await (await tenant.Client.PostJson("/api/leads", new { firstName = "Pushed", lastName = "Out", email = "pushed.out@hub.test" }))
            .Json(HttpStatusCode.Created);

        var pushed = await Poll.Eventually(async () =>
        {
            var read = await tenant.Client.GetJson($"/api/leads/{lead.Id()}");
            return read["externalContactId"] is null ? null : read;
        }, "the lead to be pushed");
        var contactId = pushed.Str("externalContactId");
        Ghl.Contacts.Should().ContainKey(contactId);
        Ghl.Contacts[contactId]["email"]!.GetValue<string>().Should().Be("pushed.out@hub.test");
        Ghl.Contacts[contactId]["locationId"]!.GetValue<string>().Should().StartWith("loc-fake-", "the integration's location");
        Ghl.RequestsTo("/contacts/upsert").Should().Contain(r => r.Body.Contains("pushed.out@hub.test"));
    }

    [Test]
    public async Task A_lead_gohighlevel_merges_into_an_existing_contact_is_marked_a_duplicate_and_its_push_ends()
    {
        var (tenant, id) = await Connected();
        (await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>().Should().BeTrue();
        var email = $"twice.{Guid.NewGuid():N}@hub.test";

        var first = await (await tenant.Client.PostJson("/api/leads", new { name = "Twice One", email })).Json(HttpStatusCode.Created);
        var firstPushed = await Poll.Eventually(async () =>
            (await tenant.Client.GetJson($"/api/leads/{first.Id()}")) is var read && read["externalContactId"] is not null ? read : null, "the first push");

        // GoHighLevel's upsert dedupes by email: the second lead maps to the contact the first one already holds.
        var second = await (await tenant.Client.PostJson("/api/leads", new { name = "Twice Two", email })).Json(HttpStatusCode.Created);
        var marked = await Poll.Eventually(async () =>
            (await tenant.Client.GetJson($"/api/leads/{second.Id()}")) is var read && read["duplicateOfLeadId"] is not null ? read : null,
            "the second lead to be marked a duplicate");
        marked["duplicateOfLeadId"]!.GetValue<int>().Should().Be(first.Id());
        marked["externalContactId"].Should().BeNull("the contact id stays with the lead that holds it");
        (await tenant.Client.GetJson($"/api/leads/{first.Id()}")).Str("externalContactId").Should().Be(firstPushed.Str("externalContactId"));

        // The operation ended in success (a failure would be retried, never recorded as succeeded), pushing once.
        (await App.LeadOperationAsync(second.Id(), OutboundKind.ContactCreate, OutboundStatus.Succeeded)).AttemptCount.Should().Be(1);
        Ghl.RequestsTo("/contacts/upsert").Count(r => r.Body.Contains(email)).Should().Be(2);
    }

    [Test]
    public async Task The_database_itself_allows_one_active_sync_run_per_integration()
    {
        // What makes "one sync at a time" hold between instances: two instances may both pass the check before queuing.
        var (_, integrationId) = await Connected();
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.SyncRuns.Add(SyncRun.Queue(integrationId, "manual", DateTime.UtcNow));
        db.SyncRuns.Add(SyncRun.Queue(integrationId, "scheduled", DateTime.UtcNow));

        var save = () => db.SaveChangesAsync();
        await save.Should().ThrowAsync<DbUpdateException>();

        db.ChangeTracker.Clear();
        (await ContactSyncJob.QueueAsync(db, integrationId, "manual", TimeProvider.System, CancellationToken.None)).Should().NotBeNull();
        (await ContactSyncJob.QueueAsync(db, integrationId, "manual", TimeProvider.System, CancellationToken.None)).Should().BeNull();
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

    [Test]
    public async Task A_block_slot_gohighlevel_refuses_as_unprocessable_is_a_422_with_its_messages()
    {
        var (_, id) = await Connected();
        Ghl.Fail(FaultKind.Unprocessable, pathPrefix: "/calendars/events/block-slots");
        var sentBefore = Ghl.RequestsTo("/calendars/events/block-slots").Count();

        var problem = await (await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Booked in the hub", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T10:30:00Z",
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.Str("type").Should().Be("https://integrationhub.dev/problems/unprocessable-content");
        problem.Str("title").Should().Be("GoHighLevel refused the request");
        problem.Str("detail").Should().Be("GoHighLevel refused the request (HTTP 422): property color should not exist; title must be a string.");
        Ghl.RequestsTo("/calendars/events/block-slots").Should().HaveCount(sentBefore + 1, "a refusal is final: not retried");
        (await Admin.GetJson($"/api/admin/integrations/{id}")).Str("status").Should().Be("pending", "the integration itself is fine");
    }

    [Test]
    public async Task A_block_slot_gohighlevel_refuses_as_a_bad_request_is_a_422_with_its_message()
    {
        var (_, id) = await Connected();
        Ghl.Fail(FaultKind.BadRequest, pathPrefix: "/calendars/events/block-slots");

        var problem = await (await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Taken", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T10:30:00Z",
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.Str("detail").Should().Be("GoHighLevel refused the request (HTTP 400): The slot you have selected is no longer available.");
    }

    [Test]
    public async Task A_block_slot_with_a_refused_token_is_a_409_naming_the_token_and_puts_the_integration_in_error()
    {
        const string revoked = "pit-revoked-55443322";
        var (_, id) = await Connected(apiKey: revoked);

        var problem = await (await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Booked in the hub", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T10:30:00Z",
        })).ProblemAsync(HttpStatusCode.Conflict);

        problem.Str("title").Should().Be("GoHighLevel refused the integration's token");
        problem.Str("detail").Should().Contain("HTTP 401").And.Contain("Invalid JWT").And.NotContain(revoked);
        var integration = await Admin.GetJson($"/api/admin/integrations/{id}");
        integration.Str("status").Should().Be("error", "as a sync that meets a 401 leaves it");
        integration.Str("errorMessage").Should().Be(problem.Str("detail"));
    }

    [Test]
    public async Task A_block_slot_rate_limited_on_every_attempt_is_a_429_with_retry_after()
    {
        var (_, id) = await Connected();
        Ghl.Fail(FaultKind.RateLimited, count: 3, pathPrefix: "/calendars/events/block-slots");

        var response = await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Busy", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T10:30:00Z",
        });
        var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests);

        problem.Str("detail").Should().StartWith("GoHighLevel is rate-limiting this location");
        response.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
    }

    [Test]
    public async Task A_lead_of_a_sub_account_whose_integration_is_not_active_yet_waits_and_goes_out_once_it_is()
    {
        var (tenant, id) = await Connected(); // pending, never tested
        var lead = await (await tenant.Client.PostJson("/api/leads", new { name = "Waits Home", email = "waits.home@hub.test" })).Json(HttpStatusCode.Created);
        var staged = (await App.OperationsForLeadAsync(lead.Id())).Should().ContainSingle().Subject;
        staged.Kind.Should().Be(OutboundKind.ContactCreate);
        staged.Status.Should().Be(OutboundStatus.Waiting, "committed with the lead, not dropped");

        (await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>().Should().BeTrue();
        await App.LeadOperationAsync(lead.Id(), OutboundKind.ContactCreate, OutboundStatus.Succeeded);
        Ghl.RequestsTo("/contacts/upsert").Count(r => r.Body.Contains("waits.home@hub.test")).Should().Be(1);
        (await tenant.Client.GetJson($"/api/leads/{lead.Id()}")).Str("externalContactId").Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task Block_slots_are_created_in_the_configured_calendar()
    {
        var (_, id) = await Connected();
        var slot = await (await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Booked in the hub", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T10:30:00Z",
        })).Json(HttpStatusCode.Created);
        slot.Str("id").Should().StartWith("slot-");
        slot.Str("calendarId").Should().Be("cal-1");

        await (await Admin.PostJson($"/api/admin/integrations/{id}/block-slots", new
        {
            title = "Backwards", startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T09:00:00Z",
        })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_sync_interval_schedules_a_recurring_job_and_zero_removes_it()
    {
        var (_, id) = await Connected(syncInterval: 15);
        var storage = App.Services.GetRequiredService<JobStorage>();
        RecurringJobDto? Job()
        {
            using var connection = storage.GetConnection();
            return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == ContactSyncScheduler.JobId(id));
        }

        // Reconciled from the committed config (nudged by the change), so a crash in between cannot leave them apart.
        (await Poll.Eventually(() => Task.FromResult(Job()), "the recurring job")).Cron.Should().Be("*/15 * * * *");

        // A schedule change lost between the commit and the job storage (a crash) comes back at the next reconciliation.
        App.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(ContactSyncScheduler.JobId(id));
        await App.Services.GetRequiredService<ContactSyncScheduler>().ReconcileAsync(CancellationToken.None);
        Job()!.Cron.Should().Be("*/15 * * * *");

        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { syncIntervalMinutes = 0 } })).Json(HttpStatusCode.OK);
        await Poll.Eventually(() => Task.FromResult(Job() is null ? "removed" : null), "the recurring job to be removed");
    }

    [Test]
    public async Task A_queued_run_whose_hand_off_was_lost_is_handed_over_again()
    {
        // As after a crash between the run's commit and its hand-off to the job runner: queued, with no job.
        var (_, id) = await Connected();
        int runId;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var run = SyncRun.Queue(id, "manual", DateTime.UtcNow - ContactSyncScheduler.OrphanedAfter - TimeSpan.FromMinutes(1));
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }

        await App.Services.GetRequiredService<ContactSyncScheduler>().ReconcileAsync(CancellationToken.None);
        (await FinishedRun(id, runId)).Str("status").Should().Be("succeeded");
        App.Logs.Lines.Should().Contain(l => l.Contains($"Contact sync run {runId} was still queued", StringComparison.Ordinal));
    }

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
