using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

/// <summary>GoHighLevel retries only after a 429: when the event cannot be stored, that is the answer, never a 5xx.</summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)]
// Alone: the app's write waits out the locked database's busy timeout inside SqliteWriteGate, one gate for the whole test
// process, so every other app's SQLite writes would wait behind it.
[NonParallelizable]
public sealed class WebhookBackpressureTests
{
    [Test]
    public async Task A_locked_database_gets_429_with_retry_after_and_the_retry_is_accepted_later()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ih-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var database = Path.Combine(dataDirectory, "integrationhub.db");
        using var app = new HubApp(new Dictionary<string, string?>
        {
            // A short busy timeout, so the test does not wait the default 30 s for the lock.
            ["ConnectionStrings:IntegrationHub"] = $"Data Source={database};Default Timeout=1",
        }, dataDirectory);
        var tenant = await app.CreateTenant("Backpressure");
        var templateId = (await app.Anonymous().GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await app.Admin().PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templateId, name = "GHL", config = new { apiKey = "k", locationId = "loc-bp" },
        })).Json(HttpStatusCode.Created);
        var secret = (await (await app.Admin().PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null))
            .Json(HttpStatusCode.OK)).Str("secret");
        var body = WebhookSender.ContactCreate("loc-bp", "c-bp-1");
        // Warm the route cache: the lookup itself is a read and would not be blocked anyway.
        await (await app.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate("loc-bp", "c-bp-0"), secret))).Json(HttpStatusCode.Accepted);

        HttpResponseMessage refused;
        await using (var blocker = new SqliteConnection($"Data Source={database}"))
        {
            await blocker.OpenAsync();
            await using var lockDb = blocker.CreateCommand();
            lockDb.CommandText = "BEGIN EXCLUSIVE;";
            await lockDb.ExecuteNonQueryAsync();

            refused = await app.Anonymous().SendAsync(WebhookSender.Hmac(body, secret));

            lockDb.CommandText = "ROLLBACK;";
            await lockDb.ExecuteNonQueryAsync();
        }

        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        problem.Str("detail").Should().NotContain("SQLite", "internals stay in the log");

        // GoHighLevel retries the same delivery: now it is stored, once.
        var accepted = await (await app.Anonymous().SendAsync(WebhookSender.Hmac(body, secret))).Json(HttpStatusCode.Accepted);
        accepted.Str("status").Should().Be("accepted");
        app.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
