using System.Collections.Concurrent;
using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Backup;

/// <summary>
/// <c>backup</c> taken from a hub that keeps receiving signed webhooks, restored into another folder: the hub started
/// there serves every lead committed before the backup began, and verifies a new webhook (so its key ring came back).
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)]
// Alone: it runs the service as its own process (twice) and the backup beside it, under load; a start gets 30 s to listen.
[NonParallelizable]
public sealed class BackupUnderLoadTests
{
    private const string AdminToken = "backup-test-admin-token-0123456789";
    private const string LocationId = "loc-backup";
    private readonly List<string> _folders = [];

    [TearDown]
    public void RemoveFolders() => _folders.ForEach(TestFolders.Remove);

    [Test]
    public async Task A_backup_taken_under_webhook_load_restores_every_committed_lead_and_the_key_ring()
    {
        var original = Folder("backup-original");
        var archive = Path.Combine(Folder("backup-archive"), "hub.tar.gz");
        var restored = Folder("backup-restored");

        List<(int Id, string ContactId)> committed;
        string secret;
        int subAccountId;
        await using (var hub = await Hub.StartAsync(original))
        {
            (subAccountId, secret) = await SetUpGoHighLevelAsync(hub.Admin);
            await using var load = WebhookLoad.Start(hub.BaseUrl, secret);
            await Poll.Eventually(async () => await TotalLeadsAsync(hub.Admin, subAccountId) >= 50 ? "leads" : null, "50 leads from the webhook load");

            committed = await AllLeadsAsync(hub.Admin, subAccountId);
            var acceptedBefore = load.Accepted;
            await using var backup = ServiceProcess.Start(Hub.Environment(original), original, "backup", archive);
            (await backup.WaitForExitAsync()).Should().Be(0, backup.Output);
            var acceptedDuring = load.Accepted - acceptedBefore;
            acceptedDuring.Should().BePositive("the hub kept taking webhooks while the backup ran");
            await TestContext.Out.WriteLineAsync($"{committed.Count} leads committed before the backup; {acceptedDuring} webhooks accepted while it ran.");
            backup.Output.Should().Contain("integrationhub.db").And.Contain("hangfire.db").And.Contain("encryption-keys.json");

            await load.StopAsync();
            (await hub.Process.TerminateAsync()).Should().Be(0);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(archive).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "the archive holds every tenant's data and the keys");
        }

        await using (var restore = ServiceProcess.Start(Hub.Environment(restored), restored, "restore", archive))
        {
            (await restore.WaitForExitAsync()).Should().Be(0, restore.Output);
        }

        await using var again = await Hub.StartAsync(restored);
        var served = (await AllLeadsAsync(again.Admin, subAccountId)).ToHashSet();
        served.Should().Contain(committed, "every lead committed before the backup began is in the restored hub");
        var (someId, itsContact) = committed[0];
        (await again.Admin.GetJson($"/api/leads/{someId}")).Str("externalContactId").Should().Be(itsContact);

        using var sender = new HttpClient { BaseAddress = new Uri(again.BaseUrl) };
        var response = await sender.SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(LocationId, "after-restore"), secret));
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, "the restored key ring decrypts the webhook secret, so the signature verifies");
        await Poll.Eventually(async () => (await AllLeadsAsync(again.Admin, subAccountId)).Any(l => l.ContactId == "after-restore") ? "lead" : null,
            "the webhook sent after the restore to become a lead");
    }

    private string Folder(string prefix)
    {
        var folder = TestFolders.Create(prefix);
        _folders.Add(folder);
        return folder;
    }

    private static async Task<(int SubAccountId, string Secret)> SetUpGoHighLevelAsync(HttpClient admin)
    {
        var subAccount = await (await admin.PostJson("/api/admin/sub-accounts", new { name = "Backup" })).Json(HttpStatusCode.Created);
        var user = await (await admin.PostJson($"/api/admin/sub-accounts/{subAccount.Id()}/users", new { email = "backup@example.com", name = "Backup" }))
            .Json(HttpStatusCode.Created);
        await (await admin.PostJson($"/api/admin/users/{user.Id()}/strategies", new { name = "Default" })).Json(HttpStatusCode.Created);
        var templateId = (await admin.GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = subAccount.Id(), integrationTemplateId = templateId, name = "GHL", config = new { apiKey = "k", locationId = LocationId },
        })).Json(HttpStatusCode.Created);
        var secret = (await (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK)).Str("secret");
        return (subAccount.Id(), secret);
    }

    private static async Task<int> TotalLeadsAsync(HttpClient admin, int subAccountId) =>
        (await admin.GetJson($"/api/leads?subAccountId={subAccountId}&pageSize=1"))["total"]!.GetValue<int>();

    /// <summary>Every lead the list serves (newest first: a lead committed while paging pushes others down, never out).</summary>
    private static async Task<List<(int Id, string ContactId)>> AllLeadsAsync(HttpClient admin, int subAccountId)
    {
        var leads = new HashSet<(int Id, string ContactId)>();
        for (var page = 1; ; page++)
        {
            var items = (await admin.GetJson($"/api/leads?subAccountId={subAccountId}&pageSize=100&page={page}"))["items"]!.AsArray();
            if (items.Count == 0)
            {
                return [.. leads];
            }

            leads.UnionWith(items.Select(l => (l!.Id(), l!.Str("externalContactId"))));
        }
    }

    /// <summary>The hub as its own process on a data folder, in Development with its generated key ring (kept in that folder).</summary>
    private sealed class Hub(ServiceProcess process, string baseUrl) : IAsyncDisposable
    {
        public ServiceProcess Process { get; } = process;

        public string BaseUrl { get; } = baseUrl;

        public HttpClient Admin { get; } = new HttpClient
        {
            BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { Authorization = new("Bearer", AdminToken) },
        };

        public static Dictionary<string, string?> Environment(string dataDirectory) => new()
        {
            ["IntegrationHub__DataDirectory"] = dataDirectory,
            ["IntegrationHub__Auth__BootstrapAdminToken"] = AdminToken,
            ["IntegrationHub__HealthChecks__Cron"] = "0 0 1 1 *",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        public static async Task<Hub> StartAsync(string dataDirectory)
        {
            var baseUrl = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
            var process = ServiceProcess.Start(Environment(dataDirectory), dataDirectory, "--urls", baseUrl);
            await process.WaitUntilLiveAsync(baseUrl);
            return new Hub(process, baseUrl);
        }

        public async ValueTask DisposeAsync()
        {
            Admin.Dispose();
            await Process.DisposeAsync();
        }
    }

    /// <summary>Signed contact webhooks sent without pause by a few senders until stopped, counting the 202s.</summary>
    private sealed class WebhookLoad : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly HttpClient _client;
        private readonly Task _senders;
        private readonly ConcurrentBag<string> _accepted = [];
        private int _next;

        private WebhookLoad(string baseUrl, string secret)
        {
            _client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
            _senders = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SendAsync(secret))));
        }

        public int Accepted => _accepted.Count;

        public static WebhookLoad Start(string baseUrl, string secret) => new(baseUrl, secret);

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _senders;
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _client.Dispose();
            _stop.Dispose();
        }

        private async Task SendAsync(string secret)
        {
            while (!_stop.IsCancellationRequested)
            {
                var contactId = $"load-{Interlocked.Increment(ref _next):D6}";
                try
                {
                    var response = await _client.SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(LocationId, contactId), secret), _stop.Token);
                    response.StatusCode.Should().Be(HttpStatusCode.Accepted);
                    _accepted.Add(contactId);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }
}
