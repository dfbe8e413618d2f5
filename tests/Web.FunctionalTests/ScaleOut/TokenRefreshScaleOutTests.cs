using System.Globalization;
using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.ScaleOut;

/// <summary>
/// Two hub processes on one PostgreSQL database (issue 30, "Proof"): both need to renew one integration's token at the same
/// moment, and GoHighLevel sees one refresh; the other instance waits for it and uses the stored tokens.
/// </summary>
[TestFixture]
[Category(TestCategories.PostgreSqlOnly)]
[NonParallelizable]
public sealed class TokenRefreshScaleOutTests
{
    private readonly List<HubInstance> _instances = [];
    private string? _dataDirectory;
    private string _postgres = null!;
    private FakeGoHighLevel _ghl = null!;

    [SetUp]
    public void CreateDatabase()
    {
        TestDatabase.RequirePostgreSql();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ih-tests", "refresh-scale-" + Guid.NewGuid().ToString("N"));
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
    public async Task Two_instances_needing_a_renewal_at_once_make_one_refresh_call_and_both_calls_succeed()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var location = FakeGoHighLevel.NewLocationId();
        var issued = await _ghl.IssueTokensAsync(OAuthInstall.ForLocation(location));
        var subAccount = await (await a.Admin.PostJson("/api/admin/sub-accounts", new { name = "Refresh scale" })).Json(HttpStatusCode.Created);
        var templateId = (await a.Admin.GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await a.Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = subAccount.Id(), integrationTemplateId = templateId, name = "GHL " + location,
            config = new Dictionary<string, object>
            {
                ["apiKey"] = issued.AccessToken, ["locationId"] = location, ["baseUrl"] = _ghl.Url, ["oauth"] = "location",
                ["refreshToken"] = issued.RefreshToken,
                // About to expire: both instances renew before their call.
                ["accessTokenExpiresAt"] = DateTime.UtcNow.AddSeconds(30).ToString("O", CultureInfo.InvariantCulture),
            },
        })).Json(HttpStatusCode.Created);
        // The first refresh is held open while the other instance asks.
        _ghl.RefreshDelay = TimeSpan.FromSeconds(2);

        var results = await Task.WhenAll(new[] { a, b }.Select(async instance =>
            await (await instance.Admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).Json(HttpStatusCode.OK)));

        results.Should().OnlyContain(r => r["success"]!.GetValue<bool>(), string.Join(" | ", results.Select(r => r.Str("message"))));
        _ghl.OAuthRefreshCalls.Should().Be(1, "one instance refreshed; the other waited for it and used the stored tokens");
        _ghl.RefreshAttempts[issued.RefreshToken].Should().Be(1);
        var used = _ghl.RequestsTo("/locations/").Select(r => r.Authorization).ToList();
        used.Should().HaveCount(2).And.OnlyContain(token => token == used[0], "both calls used the one renewed token")
            .And.NotContain("Bearer " + issued.AccessToken);
        var db = new HubDatabase(_dataDirectory!, _postgres);
        (await db.ScalarAsync("""SELECT COUNT(*) FROM "TokenRefreshLeases" """)).Should().Be(0, "the lease was given back");
    }

    private async Task<HubInstance> StartAsync()
    {
        var instance = await HubInstance.StartAsync(_dataDirectory!, _postgres, GoHighLevelAppFixture.AppSettings(_ghl)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value));
        _instances.Add(instance);
        return instance;
    }
}
