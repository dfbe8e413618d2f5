using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.ScaleOut;

/// <summary>
/// Two hub processes on one PostgreSQL database (issue 25, "Proof"): 1,000 leads created through both, across ten
/// sub-accounts with a GoHighLevel integration each, become 1,000 operations that both dispatchers claim from; each is
/// delivered once, by one instance.
/// </summary>
[TestFixture]
[Category(TestCategories.PostgreSqlOnly)]
// Alone: two hub processes delivering 1,000 operations use both cores; run beside other fixtures it would slow them and
// itself past their deadlines.
[NonParallelizable]
public sealed class OutboxScaleOutTests
{
    private const int Leads = 1_000;
    private const int Locations = 10;
    private readonly List<HubInstance> _instances = [];
    private string? _dataDirectory;
    private string _postgres = null!;
    private FakeGoHighLevel _ghl = null!;

    [SetUp]
    public void CreateDatabase()
    {
        TestDatabase.RequirePostgreSql();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ih-tests", "outbox-scale-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        _postgres = TestDatabase.EnsureDatabase(dataDirectory);
        _dataDirectory = dataDirectory;
        _ghl = new FakeGoHighLevel();
    }

    [TearDown]
    public async Task Stop()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _instances.Clear();
        if (_dataDirectory is not null) // null: skipped, PostgreSQL is not available
        {
            _ghl.Dispose();
            TestDatabase.Release(_dataDirectory, drop: true);
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Test]
    public async Task A_thousand_operations_from_two_instances_are_each_delivered_once()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var tenants = new List<GhlTenant>();
        for (var i = 0; i < Locations; i++)
        {
            tenants.Add(await (i % 2 == 0 ? a : b).CreateGhlTenantAsync($"Scale {i}", _ghl.Url, FakeGoHighLevel.NewLocationId()));
        }

        // Each lead through one instance or the other, each sub-account's leads through both.
        var clients = tenants.Select(t => (A: a.Client(t.Token), B: b.Client(t.Token))).ToList();
        var leads = Enumerable.Range(0, Leads)
            .Select(i => (i % 2 == 0 ? clients[i % Locations].A : clients[i % Locations].B, $"scale-{i:D4}@leads.test")).ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await HubInstance.CreateLeadsAsync(leads, concurrency: 32);
        var created = watch.Elapsed;

        var db = new HubDatabase(_dataDirectory!, _postgres);
        await Poll.Eventually(async () => await db.ScalarAsync(
                """SELECT COUNT(*) FROM "OutboundOperations" WHERE "Status" IN ('Pending', 'Waiting', 'Running')""") == 0 ? "done" : null,
            "every operation to finish", seconds: 90);
        await TestContext.Out.WriteLineAsync($"{Leads} leads created in {created.TotalSeconds:F1} s, all delivered after {watch.Elapsed.TotalSeconds:F1} s");
        (await db.StatusesAsync()).Should().Be($"ContactCreate Succeeded={Leads}");
        (await db.ScalarAsync("""SELECT COUNT(*) FROM "OutboundAttempts" """)).Should().Be(Leads, "each operation was tried once, by one instance");
        var upserts = _ghl.RequestsTo("/contacts/upsert").Select(r => (r.At, Body: JsonNode.Parse(r.Body)!)).ToList();
        upserts.GroupBy(u => u.Body["email"]!.GetValue<string>()).Should().HaveCount(Leads)
            .And.OnlyContain(g => g.Count() == 1, "GoHighLevel got exactly one upsert per lead");
        (await db.ScalarAsync("""SELECT COUNT(*) FROM "Leads" WHERE "ExternalContactId" IS NOT NULL""")).Should().Be(Leads);

        // What GoHighLevel would count against each location's budget (100 calls in any 10 s).
        var busiest = upserts.GroupBy(u => u.Body["locationId"]!.GetValue<string>())
            .Max(g => MostInAnyWindow(g.Select(u => u.At).Order().ToList(), TimeSpan.FromSeconds(10)));
        await TestContext.Out.WriteLineAsync($"Most upserts to one location in any 10 s: {busiest}");
    }

    /// <summary>The most of these times that fall within one window of <paramref name="length"/> (a sliding window).</summary>
    internal static int MostInAnyWindow(IReadOnlyList<DateTime> sorted, TimeSpan length)
    {
        var most = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= length)
            {
                start++;
            }

            most = Math.Max(most, end - start + 1);
        }

        return most;
    }

    private async Task<HubInstance> StartAsync()
    {
        var instance = await HubInstance.StartAsync(Path.Combine(_dataDirectory!, $"instance-{_instances.Count}"), _postgres);
        _instances.Add(instance);
        return instance;
    }
}
