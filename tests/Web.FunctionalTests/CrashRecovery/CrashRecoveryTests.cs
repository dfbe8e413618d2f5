using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.CrashRecovery;

/// <summary>
/// The service process is killed with SIGKILL in the middle of a webhook burst. After a restart, every event
/// that was answered 202 has become exactly one lead: none lost, none doubled.
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)]
// Alone: the SIGKILL has to land in the middle of a burst; the burst's timing is the test's, not a busy machine's.
[NonParallelizable]
public sealed class CrashRecoveryTests
{
    private const string AdminToken = "crash-test-admin-token-0123456789";
    private string _dataDirectory = null!;
    private Process? _service;
    private int _port;
    private bool _killed;

    [SetUp]
    public void CreateDataDirectory()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "ih-tests", "crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        _port = FreePort();
    }

    [TearDown]
    public void Cleanup()
    {
        Kill();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Test]
    public async Task Every_accepted_webhook_is_processed_exactly_once_after_a_sigkill()
    {
        await StartService();
        using var admin = Client(AdminToken);
        var subAccount = await (await admin.PostJson("/api/admin/sub-accounts", new { name = "Crash" })).Json(HttpStatusCode.Created);
        var user = await (await admin.PostJson($"/api/admin/sub-accounts/{subAccount.Id()}/users", new { email = "crash@example.com", name = "Crash" }))
            .Json(HttpStatusCode.Created);
        await admin.PostJson($"/api/admin/users/{user.Id()}/strategies", new { name = "Default" });
        var templateId = (await admin.GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = subAccount.Id(), integrationTemplateId = templateId, name = "GHL", config = new { apiKey = "k", locationId = "loc-crash" },
        })).Json(HttpStatusCode.Created);
        var secret = (await (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK)).Str("secret");

        var accepted = new ConcurrentBag<string>();
        var killAfter = 400;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var sender = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(5) };
        var next = 0;
        var burst = Enumerable.Range(0, 32).Select(async _ =>
        {
            while (!cancel.IsCancellationRequested)
            {
                var contactId = $"crash-{Interlocked.Increment(ref next):D6}";
                try
                {
                    var response = await sender.SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate("loc-crash", contactId), secret), cancel.Token);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        accepted.Add(contactId);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    if (Volatile.Read(ref _killed))
                    {
                        return; // The service is gone: the burst ends with it.
                    }
                }
            }
        }).ToList();

        while (accepted.Count < killAfter && !cancel.IsCancellationRequested)
        {
            await Task.Delay(5);
        }

        Kill(); // SIGKILL, mid-burst: no graceful shutdown, the in-process queue is lost.
        Volatile.Write(ref _killed, true);
        await Task.WhenAll(burst);
        accepted.Count.Should().BeGreaterThanOrEqualTo(killAfter);

        // What the kill left behind, read straight from the SQLite file (it says how much recovery had to do).
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "integrationhub.db")}"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM WebhookEvents WHERE Status = 'Received'";
            var unprocessed = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            await TestContext.Out.WriteLineAsync($"Accepted {accepted.Count} events before SIGKILL; {unprocessed} were stored but not processed yet.");
        }

        await StartService();
        var leads = await WaitForLeads(admin, subAccount.Id(), accepted.Count);
        var byContact = leads.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        accepted.Should().OnlyContain(id => byContact.ContainsKey(id), "no accepted event is lost");
        byContact.Values.Should().OnlyContain(count => count == 1, "no event is processed twice");

        var unfinished = await admin.GetJson("/api/admin/webhook-events?status=received&limit=500");
        unfinished.AsArray().Should().BeEmpty();
    }

    private async Task<List<string>> WaitForLeads(HttpClient admin, int subAccountId, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var total = (await admin.GetJson($"/api/leads?subAccountId={subAccountId}&pageSize=1"))["total"]!.GetValue<int>();
            var pending = (await admin.GetJson("/api/admin/webhook-events?status=received&limit=1")).AsArray().Count
                + (await admin.GetJson("/api/admin/webhook-events?status=retryScheduled&limit=1")).AsArray().Count;
            if ((total >= atLeast && pending == 0) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(200);
        }

        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var items = (await admin.GetJson($"/api/leads?subAccountId={subAccountId}&pageSize=100&page={page}"))["items"]!.AsArray();
            if (items.Count == 0)
            {
                return ids;
            }

            ids.AddRange(items.Select(l => l!.Str("externalContactId")));
        }
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private async Task StartService()
    {
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [web, "--urls", $"http://127.0.0.1:{_port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(web)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["IntegrationHub__DataDirectory"] = _dataDirectory;
        start.Environment["IntegrationHub__Auth__BootstrapAdminToken"] = AdminToken;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _service = Process.Start(start)!;
        _service.OutputDataReceived += (_, _) => { };
        _service.ErrorDataReceived += (_, _) => { };
        _service.BeginOutputReadLine();
        _service.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            _service.HasExited.Should().BeFalse("the service must start");
            await Task.Delay(100);
        }

        Assert.Fail("The service did not become ready.");
    }

    private void Kill()
    {
        if (_service is { HasExited: false })
        {
            _service.Kill(entireProcessTree: true);
            _service.WaitForExit(10_000);
        }

        _service?.Dispose();
        _service = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
