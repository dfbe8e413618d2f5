using System.Net;
using System.Text;
using IntegrationHub.Web.FunctionalTests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace IntegrationHub.Web.FunctionalTests.Operations;

/// <summary>
/// The optional OTLP export, switched on the standard way (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) for the service run as its
/// own process: metrics, traces and logs arrive at a real HTTP receiver standing in for a collector.
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)]
// Alone: it starts the service as its own process, which then has 30 s to listen (or to exit). Several such starts at once
// beside the parallel fixtures' apps missed that on a loaded machine (nine timed out in one run, load average 25 to 35).
[NonParallelizable]
public sealed class OtlpExportTests
{
    private string _folder = null!;
    private WireMockServer _collector = null!;

    [SetUp]
    public void Start()
    {
        _folder = TestFolders.Create("otlp");
        _collector = WireMockServer.Start();
        _collector.Given(Request.Create().WithPath("/v1/*").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
    }

    [TearDown]
    public void Stop()
    {
        _collector.Stop();
        TestFolders.Remove(_folder);
    }

    private string Received(string path) => string.Join("\n", _collector.LogEntries.Where(e => e.RequestMessage.Path == path)
        .Select(e => Encoding.UTF8.GetString(e.RequestMessage.BodyAsBytes ?? [])));

    [Test]
    public async Task With_an_otlp_endpoint_metrics_traces_and_logs_are_exported_to_it()
    {
        var port = ServiceProcess.FreePort();
        await using var service = ServiceProcess.Start(new Dictionary<string, string?>
        {
            ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data"),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        }, _folder, "--urls", $"http://127.0.0.1:{port}");
        await service.WaitUntilLiveAsync($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        (await client.SendAsync(WebhookSender.Unsigned("""{"type":"ContactCreate","locationId":"loc-otlp","id":"c1"}""")))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // Protocol buffers keep strings as UTF-8 bytes: the names can be found in the raw bodies.
        await Poll.Eventually(() => Task.FromResult(Received("/v1/metrics").Contains("integrationhub.webhooks.received", StringComparison.Ordinal)
            ? "metrics" : null), "the webhook counter to be exported over OTLP");
        await Poll.Eventually(() => Task.FromResult(Received("/v1/traces").Contains("/api/webhook", StringComparison.Ordinal) ? "traces" : null),
            "the webhook request's span to be exported over OTLP");
        await Poll.Eventually(() => Task.FromResult(Received("/v1/logs").Contains("Webhook refused with 401", StringComparison.Ordinal) ? "logs" : null),
            "the refusal's log entry to be exported over OTLP");
        Received("/v1/metrics").Should().Contain("integrationhub", "the resource names the service");
    }
}
