using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace IntegrationHub.Web.FunctionalTests.CrashRecovery;

/// <summary>
/// The outbox across a SIGKILL (issue 25, "Proof"): the hub, run as its own process, accepts N lead creations and raises
/// an alert, and is killed while their deliveries are in flight. Restarted on the same data (SQLite file, or the
/// PostgreSQL database on that run), every lead reaches the fake GoHighLevel as one contact and the alert webhook gets
/// the alert under one webhook-id.
/// </summary>
[TestFixture]
// Alone: the kill has to land while the deliveries are in flight, and the restart has a deadline shorter than the lease;
// both are timed for a machine the test has to itself.
[NonParallelizable]
public sealed class OutboxCrashTests
{
    private const int Leads = 200;
    private static readonly byte[] AlertKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentQueue<AlertPost> _alertPosts = new();
    private readonly ManualResetEventSlim _answerAlerts = new();
    private string _dataDirectory = null!;
    private string? _postgres;
    private FakeGoHighLevel _ghl = null!;
    private WireMockServer _alerts = null!;
    private HubInstance? _hub;

    [SetUp]
    public void Start()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "ih-tests", "outbox-crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        _postgres = TestDatabase.IsPostgreSql ? TestDatabase.EnsureDatabase(_dataDirectory) : null;
        _ghl = new FakeGoHighLevel();
        // The alert receiver records a post as it arrives and holds its answer until the test lets go: a kill meanwhile
        // leaves the hub without the answer, as with a receiver that got the alert but whose 204 never came back.
        _alerts = WireMockServer.Start();
        _alerts.Given(Request.Create().WithPath("/alerts").UsingPost()).RespondWith(Response.Create().WithCallback(request =>
        {
            string Header(string name) => request.Headers![name].Single();
            _alertPosts.Enqueue(new AlertPost(Header("webhook-id"), Header("webhook-timestamp"), Header("webhook-signature"), request.Body!));
            _answerAlerts.Wait(TimeSpan.FromSeconds(30));
            return new WireMock.ResponseMessage { StatusCode = 204 };
        }));
    }

    [TearDown]
    public async Task Stop()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        _answerAlerts.Set();
        _alerts.Stop();
        _ghl.Dispose();
        TestDatabase.Release(_dataDirectory, drop: true);
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Test]
    public async Task Leads_and_an_alert_accepted_before_a_sigkill_are_each_delivered_once_after_the_restart()
    {
        var settings = new Dictionary<string, string?>
        {
            ["IntegrationHub__HealthChecks__AlertAfterFailures"] = "1",
            ["IntegrationHub__Alerts__WebhookUrl"] = _alerts.Url + "/alerts",
            ["IntegrationHub__Alerts__WebhookSecret"] = "whsec_" + Convert.ToBase64String(AlertKey),
        };
        if (_postgres is not null)
        {
            // Taken over when the lease ends: a short one keeps the test short (SQLite keeps the default, longer than its deadline).
            settings["IntegrationHub__Outbound__Lease"] = "00:00:15";
        }

        _hub = await HubInstance.StartAsync(_dataDirectory, _postgres, settings);
        var leadsTenant = await _hub.CreateGhlTenantAsync("Crash leads", _ghl.Url, FakeGoHighLevel.NewLocationId());
        var failing = await _hub.CreateGhlTenantAsync("Crash alert", _ghl.Url, FakeGoHighLevel.NewLocationId(), apiKey: "pit-revoked-0000");

        // N leads as fast as the API takes them; GoHighLevel's budget (90 calls / 10 s per location) keeps most of their
        // deliveries queued or claimed when the kill comes.
        var emails = Enumerable.Range(0, Leads).Select(i => $"crash-{i:D4}@leads.test").ToList();
        using var tenant = _hub.Client(leadsTenant.Token);
        var leadIds = await HubInstance.CreateLeadsAsync(emails.Select(e => (tenant, e)).ToList(), concurrency: 16);
        // Right after the last 201, one failed check raises the failing alert, stored with its delivery in the check's
        // save; the kill follows its answer. Had the hub posted the alert by then, the receiver still holds its answer.
        (await (await _hub.Admin.PostAsync($"/api/admin/integrations/{failing.IntegrationId}/test", null)).Json(HttpStatusCode.OK))["success"]!
            .GetValue<bool>().Should().BeFalse();
        // The kill waits for the alert's post: the receiver holds its answer, so the alert's operation is claimed (running)
        // when the kill comes, whatever the leads' deliveries have reached by then (on a fast machine, all of them).
        await Poll.Eventually(() => Task.FromResult(_alertPosts.IsEmpty ? null : ""), "the alert to be posted");
        await _hub.KillAsync();
        _answerAlerts.Set();

        var db = new HubDatabase(_dataDirectory, _postgres);
        var atKill = await db.StatusesAsync();
        var unfinished = await db.ScalarAsync("""SELECT COUNT(*) FROM "OutboundOperations" WHERE "Kind" = 'ContactCreate' AND "Status" <> 'Succeeded'""");
        var claimed = await db.ScalarAsync("""SELECT COUNT(*) FROM "OutboundOperations" WHERE "Status" = 'Running'""");
        var alertUnfinished = await db.ScalarAsync("""SELECT COUNT(*) FROM "OutboundOperations" WHERE "Kind" = 'Alert' AND "Status" <> 'Succeeded'""");
        await TestContext.Out.WriteLineAsync($"At the SIGKILL: {atKill}; alert posts received so far: {_alertPosts.Count}");
        unfinished.Should().BeGreaterThan(0, "the kill must cut the deliveries off part way, or this test proves nothing");
        claimed.Should().BeGreaterThan(0, "operations claimed by the killed process are the case under test");
        alertUnfinished.Should().Be(1, "the alert was stored, and not delivered (or its answer never reached the hub)");
        (await db.ScalarAsync("""SELECT COUNT(*) FROM "Leads" """)).Should().Be(Leads, "every 201 is a committed lead");

        await _hub.DisposeAsync();
        _hub = await HubInstance.StartAsync(_dataDirectory, _postgres, settings);
        // SQLite: the previous process's claims are released at start. PostgreSQL: another instance may still hold them, so
        // they are taken over when their lease ends (90 s by default, the contract's "within two minutes"; 15 s here). The
        // SQLite deadline is shorter than its 90 s lease, so a start-up that did not release them fails here.
        await Poll.Eventually(async () => await db.ScalarAsync(
                """SELECT COUNT(*) FROM "OutboundOperations" WHERE "Status" IN ('Pending', 'Waiting', 'Running')""") == 0 ? "done" : null,
            "every operation to finish after the restart", seconds: 60);
        (await db.StatusesAsync()).Should().Be($"Alert Succeeded=1, ContactCreate Succeeded={Leads}", "every operation is delivered, none failed");

        var leads = await AllLeadsAsync(leadsTenant.SubAccountId);
        leads.Select(l => l.Id()).Should().BeEquivalentTo(leadIds, "no lead was lost");
        leads.Should().OnlyContain(l => l["externalContactId"] != null && l["duplicateOfLeadId"] == null, "every lead is linked to its own contact");
        var contacts = _ghl.Contacts.Values.Where(c => emails.Contains(c["email"]!.GetValue<string>())).ToList();
        contacts.GroupBy(c => c["email"]!.GetValue<string>()).Should().HaveCount(Leads).And.OnlyContain(g => g.Count() == 1,
            "the fake holds one contact per lead (an upsert repeated after the crash matches the contact by e-mail)");
        leads.ToDictionary(l => l.Str("email"), l => l.Str("externalContactId")).Should().BeEquivalentTo(
            contacts.ToDictionary(c => c["email"]!.GetValue<string>(), c => c["id"]!.GetValue<string>()), "each lead links the contact made for it");
        var repeated = _ghl.RequestsTo("/contacts/upsert").GroupBy(r => JsonNode.Parse(r.Body)!["email"]!.GetValue<string>()).Count(g => g.Count() > 1);
        await TestContext.Out.WriteLineAsync($"Upserts repeated after the crash: {repeated} leads");

        var alerts = (await _hub.Admin.GetJson($"/api/admin/alerts?integrationId={failing.IntegrationId}")).AsArray();
        alerts.Should().ContainSingle().Which!.Str("kind").Should().Be("failing");
        alerts.Should().OnlyContain(a => a!["deliveredAt"] != null);
        var posts = _alertPosts.ToList();
        await TestContext.Out.WriteLineAsync($"Alert posts: {string.Join(", ", posts.Select(p => p.Id))}");
        posts.Should().NotBeEmpty().And.OnlyContain(p => Signed(p), "every post is signed the Standard Webhooks way");
        posts.GroupBy(p => JsonNode.Parse(p.Body)!["alert"]!["id"]!.GetValue<int>()).ToDictionary(g => g.Key, g => g.Select(p => p.Id).Distinct().ToList())
            .Should().BeEquivalentTo(alerts.ToDictionary(a => a!.Id(), a => new List<string> { $"alert_{a!.Id()}" }),
                "every stored alert reaches the webhook under one webhook-id: a post repeated after the crash carries the same id, " +
                "and receivers dedupe by webhook-id, so each alert counts once");
    }

    private async Task<List<JsonNode>> AllLeadsAsync(int subAccountId)
    {
        var leads = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var items = (await _hub!.Admin.GetJson($"/api/leads?subAccountId={subAccountId}&pageSize=100&page={page}"))["items"]!.AsArray();
            if (items.Count == 0)
            {
                return leads;
            }

            leads.AddRange(items.Select(l => l!));
        }
    }

    private static bool Signed(AlertPost post) =>
        post.Signature == "v1," + Convert.ToBase64String(HMACSHA256.HashData(AlertKey, Encoding.UTF8.GetBytes($"{post.Id}.{post.Timestamp}.{post.Body}")));

    private sealed record AlertPost(string Id, string Timestamp, string Signature, string Body);
}
