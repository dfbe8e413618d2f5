using System.Net;
using System.Text.Json;
using IntegrationHub.Web.FunctionalTests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace IntegrationHub.Web.FunctionalTests.Operations;

/// <summary>
/// The console log of the service run as its own process: JSON lines for log shippers when asked, carrying the trace id
/// of the request that wrote them; otherwise one readable line per entry.
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)]
// Alone: it starts the service as its own process, which then has 30 s to listen (or to exit). Several such starts at once
// beside the parallel fixtures' apps missed that on a loaded machine (nine timed out in one run, load average 25 to 35).
[NonParallelizable]
public sealed class LogFormatTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = TestFolders.Create("logs");

    [TearDown]
    public void RemoveFolder() => TestFolders.Remove(_folder);

    private async Task<(ServiceProcess Service, HttpClient Client)> StartService(string? format)
    {
        var port = ServiceProcess.FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data"),
            ["IntegrationHub__Auth__BootstrapAdminToken"] = HubApp.AdminToken,
            ["IntegrationHub__Logging__Format"] = format,
        };
        var service = ServiceProcess.Start(environment, _folder, "--urls", $"http://127.0.0.1:{port}");
        await service.WaitUntilLiveAsync($"http://127.0.0.1:{port}");
        return (service, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
    }

    private static IEnumerable<string?> TraceIdsOf(JsonElement entry) =>
        entry.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _))
            .Select(s => s.GetProperty("TraceId").GetString());

    /// <summary>Starts the service, sends one unsigned webhook (refused and logged) and returns what it printed and the answer.</summary>
    private async Task<(ServiceProcess Service, JsonElement Problem)> RefuseOneWebhook(string? format)
    {
        var (service, client) = await StartService(format);
        using var _ = client;
        var refused = await client.SendAsync(WebhookSender.Unsigned("""{"type":"ContactCreate","locationId":"loc-logged","id":"c1"}"""));
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.Clone();
        await Poll.Eventually(() => Task.FromResult(service.Output.Contains("Webhook refused with 401", StringComparison.Ordinal) ? "logged" : null),
            "the refusal to be logged");
        return (service, problem);
    }

    [Test]
    public async Task Json_format_writes_one_json_object_a_line_with_the_trace_id_of_the_request()
    {
        var (service, problem) = await RefuseOneWebhook("json");
        await using var running = service;

        var entries = service.OutputLines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList(); // every line is JSON
        entries.Should().Contain(e => e.GetProperty("Message").GetString()!.StartsWith("Now listening on: ", StringComparison.Ordinal),
            "the host's own lines are JSON too");
        var refusal = entries.Single(e => e.GetProperty("Message").GetString()!.StartsWith("Webhook refused with 401", StringComparison.Ordinal));
        refusal.GetProperty("LogLevel").GetString().Should().Be("Information");
        refusal.GetProperty("Category").GetString().Should().Be("IntegrationHub.Web.Endpoints.WebhookEndpoints");
        refusal.GetProperty("State").GetProperty("LocationId").GetString().Should().Be("loc-logged", "fields stay searchable");
        refusal.GetProperty("Timestamp").GetString().Should().EndWith("Z");

        var traceId = problem.GetProperty("traceId").GetString()!.Split('-')[1];
        TraceIdsOf(refusal).Should().Contain(traceId, "the log line carries the trace of the request that wrote it");
    }

    [Test]
    public async Task Processing_logs_carry_the_trace_id_of_the_request_that_delivered_the_event()
    {
        var (service, client) = await StartService("json");
        await using var running = service;
        using var _ = client;
        client.DefaultRequestHeaders.Authorization = new("Bearer", HubApp.AdminToken);
        var subAccount = await (await client.PostJson("/api/admin/sub-accounts", new { name = "Logged", timezone = "UTC" })).Json(HttpStatusCode.Created);
        var templateId = (await client.GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await client.PostJson("/api/admin/integrations", new
        {
            subAccountId = subAccount.Id(), integrationTemplateId = templateId, name = "Logged GHL",
            config = new { apiKey = "pit-x", locationId = "loc-logged", syncIntervalMinutes = 0 },
        })).Json(HttpStatusCode.Created);
        var secret = (await (await client.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK))
            .Str("secret");

        // A contact without its id: stored, then refused by processing in the background, with a log line saying why.
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        var delivery = WebhookSender.Hmac("""{"type":"ContactCreate","locationId":"loc-logged","firstName":"No id","webhookId":"w-logged"}""", secret);
        delivery.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await client.SendAsync(delivery)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var line = await Poll.Eventually(() => Task.FromResult(service.OutputLines.FirstOrDefault(l => l.Contains("cannot be processed", StringComparison.Ordinal))),
            "processing to log the unusable event");
        TraceIdsOf(JsonDocument.Parse(line).RootElement).Should().Contain(traceId, "background processing continues the delivery's trace");
    }

    [Test]
    public async Task The_default_format_stays_one_readable_line_per_entry()
    {
        var (service, _) = await RefuseOneWebhook(null);
        await using var running = service;

        var refusal = service.OutputLines.Single(l => l.Contains("Webhook refused with 401", StringComparison.Ordinal));
        refusal.Should().MatchRegex(@"^\d\d:\d\d:\d\d info: IntegrationHub\.Web\.Endpoints\.WebhookEndpoints\[0\] Webhook refused with 401: No integration has this location\. \(location loc-logged\)$");
        service.OutputLines.Should().NotContain(l => l.TrimStart().StartsWith('{'), "no JSON for people");
    }

    [Test]
    public async Task Control_characters_in_logged_values_are_escaped_so_they_cannot_drive_the_terminal()
    {
        // GoHighLevel's error message reaches the log when a connection test fails; this one tries to clear the screen
        // and retitle the window.
        using var ghl = WireMockServer.Start();
        ghl.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(400)
            .WithHeader("Content-Type", "application/json")
            .WithBody("""{"statusCode":400,"message":"bad \u001b[2J\u001b]0;owned\u0007 request"}"""));
        var (service, client) = await StartService(null);
        await using var running = service;
        using var _ = client;
        client.DefaultRequestHeaders.Authorization = new("Bearer", HubApp.AdminToken);
        var subAccount = await (await client.PostJson("/api/admin/sub-accounts", new { name = "Escaped", timezone = "UTC" })).Json(HttpStatusCode.Created);
        var templateId = (await client.GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await client.PostJson("/api/admin/integrations", new
        {
            subAccountId = subAccount.Id(), integrationTemplateId = templateId, name = "Escaped GHL",
            config = new { apiKey = "pit-x", locationId = "loc-escaped", baseUrl = ghl.Url, syncIntervalMinutes = 0 },
        })).Json(HttpStatusCode.Created);

        (await client.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var line = await Poll.Eventually(() => Task.FromResult(service.OutputLines.FirstOrDefault(l => l.Contains("bad ", StringComparison.Ordinal))),
            "GoHighLevel's message in the log");
        line.Should().Contain(@"bad \u001B[2J\u001B]0;owned\u0007 request");
        service.Output.Should().NotContain("\u001b").And.NotContain("\u0007");
    }
}
