using System.Net;
using System.Net.Http.Json;
using System.Text;
using IntegrationHub.Infrastructure.Security;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Secrets;

/// <summary>
/// A whole life of the hub with secrets in it: OAuth and token integrations, an OAuth refresh, failed calls with a bad
/// token, webhook setup and rotation, signed webhooks, template edits (including one that tries to turn a secret
/// plain), a restart with a new encryption key and re-encryption. Then every response body, every log line and the
/// database files (WAL included) are searched for every plaintext secret used: none may appear, except the webhook
/// secret in the one answer that hands it out.
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)] // Reads the SQLite files themselves.
public sealed class SecretHygieneTests
{
    private readonly List<(string Request, string Body)> _responses = [];
    private readonly HashSet<string> _secrets = [];
    private readonly HashSet<string> _handedOut = [];
    private readonly List<string> _logs = [];
    private string _dataDirectory = null!;
    private FakeGoHighLevel _ghl = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "ih-tests", "hygiene-" + Guid.NewGuid().ToString("N"));
        _ghl = new FakeGoHighLevel();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _ghl.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>A client that keeps every answer it gets, for the search at the end.</summary>
    private HttpClient Client(HubApp app, string? token)
    {
        var client = new HttpClient(new Recorder(_responses) { InnerHandler = new HttpClientHandler() }) { BaseAddress = app.Anonymous().BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    private string Secret(string value)
    {
        _secrets.Add(value);
        return value;
    }

    [Test]
    public async Task No_plaintext_secret_reaches_a_response_a_log_line_or_the_database_files()
    {
        var key1 = Secret(EncryptionKeyRing.NewKey());
        var key2 = Secret(EncryptionKeyRing.NewKey());
        Secret(FakeGoHighLevel.ValidToken);
        var settings = new Dictionary<string, string?>
        {
            ["IntegrationHub:Encryption:ActiveKeyId"] = "k1",
            ["IntegrationHub:Encryption:Keys:k1"] = key1,
            ["IntegrationHub:GoHighLevel:BaseDelay"] = "00:00:00.010",
            ["IntegrationHub:GoHighLevel:MaxAttempts"] = "2",
            ["IntegrationHub:Alerts:WebhookSecret"] = Secret("whsec_" + Convert.ToBase64String(Encoding.ASCII.GetBytes("alert-signing-secret-0123456789"))),
        };

        int oauthId, tokenId;
        using (var app = new HubApp(settings, _dataDirectory))
        {
            var admin = Client(app, HubApp.AdminToken);
            var tenant = await app.CreateTenant("Hygiene");
            var ghl = (await admin.GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();

            // OAuth integration: its access token has expired, so the first call refreshes it.
            _ghl.RefreshToken = "refresh-token-1";
            oauthId = (await (await admin.PostJson("/api/admin/integrations", new
            {
                subAccountId = tenant.SubAccountId, integrationTemplateId = ghl, name = "OAuth",
                config = new
                {
                    apiKey = Secret("expired-access-token-" + Guid.NewGuid().ToString("N")), locationId = FakeGoHighLevel.NewLocationId(),
                    baseUrl = _ghl.Url, clientId = "client-1", clientSecret = Secret("client-secret-1"), refreshToken = Secret("refresh-token-1"),
                },
            })).Json(HttpStatusCode.Created)).Id();
            (await (await admin.PostAsync($"/api/admin/integrations/{oauthId}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>().Should().BeTrue();
            Secret(_ghl.RefreshToken);
            foreach (var issued in _ghl.AcceptedTokens)
            {
                Secret(issued);
            }

            // A token integration, then a bad token: failed calls, an error status, a failed sync.
            var location = FakeGoHighLevel.NewLocationId();
            tokenId = (await (await admin.PostJson("/api/admin/integrations", new
            {
                subAccountId = tenant.SubAccountId, integrationTemplateId = ghl, name = "Token",
                config = new { apiKey = FakeGoHighLevel.ValidToken, locationId = location, baseUrl = _ghl.Url, syncIntervalMinutes = 0 },
            })).Json(HttpStatusCode.Created)).Id();
            var wrong = Secret("pit-wrong-" + Guid.NewGuid().ToString("N"));
            await (await admin.PutAsJsonAsync($"/api/admin/integrations/{tokenId}", new { config = new { apiKey = wrong } })).Json(HttpStatusCode.OK);
            (await (await admin.PostAsync($"/api/admin/integrations/{tokenId}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>().Should().BeFalse();
            await admin.PostAsync($"/api/admin/integrations/{tokenId}/sync", null);
            await admin.PostJson($"/api/admin/integrations/{tokenId}/block-slots", new { startTime = DateTimeOffset.UtcNow.AddDays(1), endTime = DateTimeOffset.UtcNow.AddDays(1).AddHours(1) });
            await (await admin.PutAsJsonAsync($"/api/admin/integrations/{tokenId}", new { config = new { apiKey = FakeGoHighLevel.ValidToken } })).Json(HttpStatusCode.OK);

            // Webhook setup twice (a rotation), and signed deliveries with each secret.
            foreach (var round in new[] { 1, 2 })
            {
                var setup = await (await admin.PostAsync($"/api/admin/integrations/{tokenId}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK);
                var webhookSecret = Secret(setup.Str("secret"));
                _handedOut.Add(webhookSecret);
                var delivered = await Client(app, null).SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(location, $"c-{round}"), webhookSecret));
                delivered.StatusCode.Should().Be(HttpStatusCode.Accepted);
                (await Client(app, null).SendAsync(WebhookSender.Token(WebhookSender.ContactCreate(location, $"t-{round}"), webhookSecret + "x")))
                    .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a wrong token is refused, and its answer must not echo the secret");
            }

            // Template edits: a harmless one, and one that would turn a stored secret into a plain value (refused).
            var template = await admin.GetJson($"/api/integration-templates/{ghl}");
            var schema = template["configSchema"]!.DeepClone().AsObject();
            await (await admin.PutAsJsonAsync($"/api/admin/integration-templates/{ghl}", new { description = "Edited by the hygiene test" })).Json(HttpStatusCode.OK);
            schema["properties"]!["apiKey"]!.AsObject().Remove("format");
            (await admin.PutAsJsonAsync($"/api/admin/integration-templates/{ghl}", new { configSchema = schema })).StatusCode.Should().Be(HttpStatusCode.Conflict);

            await admin.GetAsync($"/api/admin/integrations/{oauthId}");
            await admin.GetAsync("/api/admin/integrations");
            await admin.GetAsync($"/api/admin/webhook-events?locationId={location}");
            await tenant.Client.GetAsync("/api/integrations");
            _logs.AddRange(app.Logs.Lines);
        }

        // A new key becomes the active one; every secret is re-encrypted with it.
        settings["IntegrationHub:Encryption:ActiveKeyId"] = "k2";
        settings["IntegrationHub:Encryption:Keys:k2"] = key2;
        using (var app = new HubApp(settings, _dataDirectory))
        {
            var admin = Client(app, HubApp.AdminToken);
            (await (await admin.PostAsync("/api/admin/encryption/reencrypt", null)).Json(HttpStatusCode.OK))["reencrypted"]!.GetValue<int>().Should().BeGreaterThan(0);
            (await (await admin.PostAsync($"/api/admin/integrations/{tokenId}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>().Should().BeTrue();
            await admin.GetAsync($"/api/admin/integrations/{oauthId}");
            _logs.AddRange(app.Logs.Lines);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _secrets.Should().HaveCountGreaterThan(10);
        _responses.Should().HaveCountGreaterThan(20);
        Leaks().Should().BeEmpty();
    }

    private IEnumerable<string> Leaks()
    {
        foreach (var secret in _secrets)
        {
            foreach (var (request, body) in _responses)
            {
                var handsItOut = _handedOut.Contains(secret) && request.EndsWith("/setup-ghl-webhook", StringComparison.Ordinal);
                if (!handsItOut && body.Contains(secret, StringComparison.Ordinal))
                {
                    yield return $"{Show(secret)} in the answer to {request}";
                }
            }

            foreach (var line in _logs.Where(l => l.Contains(secret, StringComparison.Ordinal)))
            {
                yield return $"{Show(secret)} in the log: {line[..Math.Min(line.Length, 160)]}";
            }

            var needle = Encoding.UTF8.GetBytes(secret);
            foreach (var file in Directory.EnumerateFiles(_dataDirectory, "*.db*", SearchOption.AllDirectories))
            {
                if (File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0)
                {
                    yield return $"{Show(secret)} in {Path.GetFileName(file)}";
                }
            }
        }
    }

    private static string Show(string secret) => secret[..Math.Min(6, secret.Length)] + "…";

    private sealed class Recorder(List<(string Request, string Body)> responses) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            lock (responses)
            {
                responses.Add(($"{request.Method} {request.RequestUri!.AbsolutePath}", body + "\n" + response.Headers + response.Content.Headers));
            }

            return response;
        }
    }
}
