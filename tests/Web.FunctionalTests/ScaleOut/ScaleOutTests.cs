using System.Collections.Concurrent;
using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;
using Npgsql;

namespace IntegrationHub.Web.FunctionalTests.ScaleOut;

/// <summary>
/// Two real service processes on one PostgreSQL database, as several instances behind a load balancer run: the
/// inbox, the processing claims, the recurring jobs and the route cache are shared or kept in step between them.
/// </summary>
[TestFixture]
[Category(TestCategories.PostgreSqlOnly)]
// Alone: two service processes and five-second processing leases (a takeover is timed); fixtures running beside them
// would take the CPU those timings assume.
[NonParallelizable]
public sealed class ScaleOutTests
{
    private const string AdminToken = "scale-out-admin-token-0123456789";
    private readonly List<ServiceProcess> _instances = [];
    private string? _dataDirectory;
    private string _connectionString = null!;

    [SetUp]
    public void CreateDatabase()
    {
        TestDatabase.RequirePostgreSql();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ih-tests", "scale-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        _connectionString = TestDatabase.EnsureDatabase(dataDirectory);
        _dataDirectory = dataDirectory;
    }

    [TearDown]
    public async Task StopInstances()
    {
        foreach (var instance in _instances)
        {
            if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            {
                await TestContext.Out.WriteLineAsync(string.Join('\n', instance.OutputLines.TakeLast(40)));
            }

            await instance.DisposeAsync();
        }

        _instances.Clear();
        if (_dataDirectory is not null) // null: skipped, PostgreSQL is not available
        {
            TestDatabase.Release(_dataDirectory, drop: true);
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Test]
    public async Task Webhooks_sent_to_both_instances_become_one_lead_each_with_one_processing_attempt()
    {
        var (a, b) = (await StartAsync(), await StartAsync());
        var hook = await ConnectLocationAsync(a, "loc-scale");

        const int Deliveries = 5_000;
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        await SendAsync(Deliveries, 32, async i =>
        {
            var body = WebhookSender.ContactCreate("loc-scale", $"scale-{i:D5}", webhookId: $"wh-scale-{i:D5}");
            var first = await (i % 2 == 0 ? a : b).Client.SendAsync(WebhookSender.Hmac(body, hook.Secret));
            statuses.AddOrUpdate(first.StatusCode, 1, (_, n) => n + 1);
            if (i % 10 == 0)
            {
                // The same delivery again, at the other instance: a duplicate across instances.
                var again = await (i % 2 == 0 ? b : a).Client.SendAsync(WebhookSender.Hmac(body, hook.Secret));
                statuses.AddOrUpdate(again.StatusCode, 1, (_, n) => n + 1);
                again.StatusCode.Should().Be(HttpStatusCode.OK, "the other instance already stored this delivery");
            }
        });

        statuses.Keys.Should().BeEquivalentTo([HttpStatusCode.Accepted, HttpStatusCode.OK], "no 5xx and no refusal");
        statuses[HttpStatusCode.Accepted].Should().Be(Deliveries);
        await WaitUntilProcessedAsync(Deliveries);
        (await ScalarAsync("""SELECT COUNT(*) FROM "WebhookEvents" """)).Should().Be(Deliveries, "a duplicate is one row");
        (await ScalarAsync("""SELECT COUNT(DISTINCT "ExternalContactId") FROM "Leads" """)).Should().Be(Deliveries);
        (await ScalarAsync("""SELECT COUNT(*) FROM "Leads" """)).Should().Be(Deliveries, "one lead per contact");
        (await ScalarAsync("""SELECT COUNT(*) FROM "WebhookAttempt" """)).Should().Be(Deliveries, "each event is processed once");
        (await ScalarAsync("""SELECT COUNT(*) FROM "WebhookEvents" WHERE "AttemptCount" <> 1""")).Should().Be(0);
    }

    [Test]
    public async Task An_instance_killed_mid_burst_leaves_its_events_to_the_survivor()
    {
        var settings = new Dictionary<string, string?> { ["IntegrationHub__Webhooks__ProcessingLease"] = "00:00:05" };
        var (survivor, victim) = (await StartAsync(settings), await StartAsync(settings));
        var hook = await ConnectLocationAsync(survivor, "loc-kill");

        var accepted = new ConcurrentBag<string>();
        var killed = 0;
        var burst = SendAsync(3_000, 32, async i =>
        {
            var target = i % 2 == 0 || Volatile.Read(ref killed) == 1 ? survivor : victim;
            var contactId = $"kill-{i:D5}";
            try
            {
                var response = await target.Client.SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate("loc-kill", contactId), hook.Secret));
                response.StatusCode.Should().BeOneOf(HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    accepted.Add(contactId);
                }
            }
            catch (Exception ex) when (target == victim && ex is HttpRequestException or TaskCanceledException)
            {
                // Sent to the instance being killed: unanswered, so the sender would retry; not counted as accepted.
            }
        });

        while (accepted.Count < 1_000)
        {
            await Task.Delay(5);
        }

        await victim.KillAsync(); // SIGKILL: its hand-off queue and any claimed batch are lost with it
        Volatile.Write(ref killed, 1);
        await burst;

        var stored = await ScalarAsync("""SELECT COUNT(*) FROM "WebhookEvents" """);
        await WaitUntilProcessedAsync(stored, seconds: 120);
        var leads = await ContactIdsAsync();
        accepted.Should().OnlyContain(id => leads.Contains(id), "every accepted event becomes a lead");
        (await ScalarAsync("""SELECT COUNT(*) FROM "Leads" """)).Should().Be(stored, "one lead per stored event, none doubled");
        (await ScalarAsync("""SELECT COUNT(*) FROM "WebhookEvents" WHERE "AttemptCount" <> 1""")).Should().Be(0, "each event processed once");
        survivor.HasExited.Should().BeFalse();
    }

    [Test]
    public async Task An_event_claimed_by_an_instance_that_died_is_left_alone_until_its_lease_expires_then_taken_over()
    {
        var instance = await StartAsync(new Dictionary<string, string?> { ["IntegrationHub__Webhooks__ProcessingLease"] = "00:00:05" });
        var hook = await ConnectLocationAsync(instance, "loc-lease");
        var subAccountId = await ScalarAsync($"""SELECT "SubAccountId" FROM "Integrations" WHERE "Id" = {hook.IntegrationId}""");

        // What a dead instance leaves behind mid-batch: an old, due event with its claim still running for 4 seconds.
        await ReadAsync($"""
            INSERT INTO "WebhookEvents" ("DeliveryId", "Source", "EventType", "LocationId", "IntegrationId", "SubAccountId",
                "SignatureScheme", "Body", "Status", "AttemptCount", "ReceivedAt", "LeasedUntil", "LeaseToken")
            VALUES ('wh-orphan', 'gohighlevel', 'ContactCreate', 'loc-lease', {hook.IntegrationId}, {subAccountId}, 'hmac',
                '{WebhookSender.ContactCreate("loc-lease", "orphan", webhookId: "wh-orphan")}', 'Received', 0,
                now() - interval '1 minute', now() + interval '4 seconds', gen_random_uuid())
            RETURNING "Id"
            """, r => r.GetInt32(0));
        var claimedUntil = DateTime.UtcNow.AddSeconds(4);

        while (DateTime.UtcNow < claimedUntil.AddSeconds(-0.5))
        {
            (await ScalarAsync("""SELECT "AttemptCount" FROM "WebhookEvents" WHERE "DeliveryId" = 'wh-orphan'""")).Should()
                .Be(0, "another instance's claim is respected while it runs");
            await Task.Delay(250);
        }

        await Poll.Eventually(async () => await ScalarAsync(
                """SELECT COUNT(*) FROM "WebhookEvents" WHERE "DeliveryId" = 'wh-orphan' AND "Status" = 'Processed' AND "AttemptCount" = 1""") == 1
            ? "taken over" : null, "the expired claim to be taken over", seconds: 20);
        (await ContactIdsAsync()).Should().Contain("orphan");
    }

    [Test]
    public async Task A_recurring_job_fires_once_per_schedule_across_instances()
    {
        // Every 3 seconds, so a handful of schedules pass within the test.
        var settings = new Dictionary<string, string?> { ["IntegrationHub__HealthChecks__Cron"] = "*/3 * * * * *" };
        var started = System.Diagnostics.Stopwatch.StartNew();
        await StartAsync(settings);
        await StartAsync(settings);

        // About five schedules, enough for a schedule fired twice to show: waited for by counting them, not by a sleep.
        const string Fired = """
            SELECT createdat FROM hangfire.job WHERE invocationdata->>'Type' LIKE '%HealthSweepJob%' ORDER BY createdat
            """;
        await Poll.Eventually(async () => (await ReadAsync(Fired, r => r.GetDateTime(0))).Count >= 5 ? "fired" : null,
            "five health sweeps to be fired", seconds: 60);
        var fired = await ReadAsync(Fired, r => r.GetDateTime(0));
        var schedules = (int)(started.Elapsed.TotalSeconds / 3) + 1;
        fired.Count.Should().BeGreaterThanOrEqualTo(3, "about five schedules passed").And.BeLessThanOrEqualTo(schedules,
            "no schedule fires twice");
        // Schedulers look at whole seconds, so two instances firing one schedule would be milliseconds apart; a schedule
        // fired late on a busy machine is a second or more from its neighbours, and not a duplicate.
        fired.Zip(fired.Skip(1), (earlier, later) => later - earlier).Should()
            .OnlyContain(gap => gap > TimeSpan.FromSeconds(0.5), "two instances must not both fire one schedule");
    }

    [Test]
    public async Task A_secret_rotated_through_one_instance_is_enforced_by_the_other_within_a_second()
    {
        var (a, b) = (await StartAsync(), await StartAsync());
        var hook = await ConnectLocationAsync(a, "loc-rotate");
        var warm = await b.Client.SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate("loc-rotate", "before"), hook.Secret));
        warm.StatusCode.Should().Be(HttpStatusCode.Accepted, "instance B now holds the route in its cache");

        var rotated = (await (await a.Admin.PostAsync($"/api/admin/integrations/{hook.IntegrationId}/setup-ghl-webhook", null))
            .Json(HttpStatusCode.OK)).Str("secret");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        var attempt = 0;
        do
        {
            var body = WebhookSender.ContactCreate("loc-rotate", $"after-{attempt++}");
            status = (await b.Client.SendAsync(WebhookSender.Hmac(body, rotated))).StatusCode;
        }
        while (status != HttpStatusCode.Accepted && watch.Elapsed < TimeSpan.FromSeconds(3));

        status.Should().Be(HttpStatusCode.Accepted);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "instance B must see the new secret within a second");
    }

    private async Task<Instance> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var port = ServiceProcess.FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["IntegrationHub__Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__IntegrationHub"] = _connectionString,
            ["IntegrationHub__DataDirectory"] = Path.Combine(_dataDirectory!, $"instance-{_instances.Count}"),
            ["IntegrationHub__Auth__BootstrapAdminToken"] = AdminToken,
            // Every instance decrypts what any other stored: one key ring for all of them.
            ["IntegrationHub__Encryption__ActiveKeyId"] = "shared",
            ["IntegrationHub__Encryption__Keys__shared"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 1)).ToArray()),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var process = ServiceProcess.Start(environment, _dataDirectory!, "--urls", $"http://127.0.0.1:{port}");
        _instances.Add(process);
        var baseUrl = $"http://127.0.0.1:{port}";
        await process.WaitUntilLiveAsync(baseUrl);
        return new Instance(process, baseUrl);
    }

    private static async Task<Hook> ConnectLocationAsync(Instance instance, string locationId)
    {
        var admin = instance.Admin;
        var subAccount = await (await admin.PostJson("/api/admin/sub-accounts", new { name = "Scale " + locationId })).Json(HttpStatusCode.Created);
        var user = await (await admin.PostJson($"/api/admin/sub-accounts/{subAccount.Id()}/users",
            new { email = $"{locationId}@example.com", name = "Scale" })).Json(HttpStatusCode.Created);
        await admin.PostJson($"/api/admin/users/{user.Id()}/strategies", new { name = "Default" });
        var templateId = (await admin.GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = subAccount.Id(), integrationTemplateId = templateId, name = "GHL", config = new { apiKey = "k", locationId },
        })).Json(HttpStatusCode.Created);
        var secret = (await (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null))
            .Json(HttpStatusCode.OK)).Str("secret");
        return new Hook(integration.Id(), secret);
    }

    private static async Task SendAsync(int count, int concurrency, Func<int, Task> send)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await send(i);
            }
        }));
    }

    private async Task WaitUntilProcessedAsync(long expected, int seconds = 90) =>
        await Poll.Eventually(async () =>
            await ScalarAsync("""SELECT COUNT(*) FROM "WebhookEvents" WHERE "Status" = 'Processed'""") >= expected ? "processed" : null,
            $"{expected} webhook events to be processed", seconds);

    private async Task<HashSet<string>> ContactIdsAsync() =>
        (await ReadAsync("""SELECT "ExternalContactId" FROM "Leads" """, r => r.GetString(0))).ToHashSet();

    private async Task<long> ScalarAsync(string sql) =>
        (await ReadAsync(sql, r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture))).Single();

    private async Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private sealed record Hook(int IntegrationId, string Secret);

    /// <summary>One running instance: anonymous client for webhooks, admin client for set-up.</summary>
    private sealed class Instance(ServiceProcess process, string baseUrl)
    {
        public HttpClient Client { get; } = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

        public HttpClient Admin { get; } = new()
        {
            BaseAddress = new Uri(baseUrl),
            DefaultRequestHeaders = { Authorization = new("Bearer", AdminToken) },
        };

        public bool HasExited => process.HasExited;

        public Task KillAsync() => process.KillAsync();
    }
}
