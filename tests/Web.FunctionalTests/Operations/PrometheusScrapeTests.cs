using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Operations;

/// <summary>
/// Debian's real <c>prometheus</c> scraping the running hub with the config shipped in <c>deploy/</c>: the target is up
/// with the admin token from its credentials file, a webhook counter has the value the deliveries gave it, and every
/// query of the shipped Grafana dashboard is valid PromQL over series that exist.
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)] // about the scrape, not the database: once per CI run is enough
// Alone: the scraped counters are read by meter name from every app in the test process (see MetricsTests), and the
// test expects the exact values its own deliveries gave them.
[NonParallelizable]
public sealed class PrometheusScrapeTests
{
    public const string RequiredVariable = "INTEGRATIONHUB_TEST_REQUIRE_PROMETHEUS";

    private string _folder = null!;
    private HubApp _app = null!;
    private Process? _prometheus;
    private HttpClient _query = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var binary = new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            const string message = "prometheus is not installed (apt-get install -y prometheus); .ci/run installs it.";
            if (Environment.GetEnvironmentVariable(RequiredVariable) is "1" or "true")
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        _app = new HubApp();
        _folder = Path.Combine(Path.GetTempPath(), "ih-prometheus", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var hub = _app.Anonymous().BaseAddress!;
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", "prometheus", "prometheus.yml"));
        shipped.Should().Contain("localhost:5080").And.Contain("credentials_file: integrationhub-token").And.Contain("scrape_interval: 15s");
        // As shipped, but pointed at this test's port and scraping every second instead of every 15.
        await File.WriteAllTextAsync(Path.Combine(_folder, "prometheus.yml"),
            shipped.Replace("localhost:5080", hub.Authority, StringComparison.Ordinal).Replace("15s", "1s", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(_folder, "integrationhub-token"), HubApp.AdminToken);

        var port = ServiceProcess.FreePort();
        _prometheus = Process.Start(new ProcessStartInfo(binary,
        [
            "--config.file=" + Path.Combine(_folder, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(_folder, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder })!;
        _prometheus.OutputDataReceived += (_, _) => { };
        _prometheus.ErrorDataReceived += (_, _) => { };
        _prometheus.BeginOutputReadLine();
        _prometheus.BeginErrorReadLine();
        _query = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_prometheus is { HasExited: false })
        {
            _prometheus.Kill(entireProcessTree: true);
            await _prometheus.WaitForExitAsync();
        }

        _prometheus?.Dispose();
        _query?.Dispose();
        _app?.Dispose();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>An instant query's result through Prometheus' HTTP API; null while Prometheus is not answering yet.</summary>
    private async Task<JsonArray?> Query(string promql)
    {
        try
        {
            var answer = JsonNode.Parse(await _query.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql)))!;
            return answer["status"]!.GetValue<string>() == "success" ? answer["data"]!["result"]!.AsArray() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every series name the hub's instruments can produce, as the Prometheus exporter names them (dots to underscores, the
    /// unit as a suffix, <c>_total</c> for counters, <c>_bucket/_sum/_count</c> for histograms). A counter that has not
    /// counted yet has no series, so the names come from the instruments themselves, read by a listener.
    /// </summary>
    private HashSet<string> HubSeriesNames()
    {
        var meters = _app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var names = new HashSet<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name != "IntegrationHub" || !ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    return;
                }

                var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : "");
                var type = instrument.GetType().Name;
                string[] series = type.StartsWith("Counter", StringComparison.Ordinal) ? [name + "_total"]
                    : type.StartsWith("Histogram", StringComparison.Ordinal) ? [name + "_bucket", name + "_sum", name + "_count"]
                    : [name];
                lock (names)
                {
                    names.UnionWith(series);
                }
            },
        };
        listener.Start();
        names.Should().Contain("integrationhub_webhooks_received_total", "the listener read the hub's instruments");
        return names;
    }

    private static double ValueOf(JsonArray result) =>
        result.Sum(series => double.Parse(series!["value"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

    [Test]
    public async Task Prometheus_scrapes_the_hub_with_the_shipped_config_and_sees_the_webhook_counters()
    {
        var tenant = await _app.CreateTenant("Scraped");
        var admin = _app.Admin();
        var templateId = (await _app.Anonymous().GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var location = FakeGoHighLevel.NewLocationId();
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templateId, name = "Scraped GHL",
            config = new { apiKey = "pit-x", locationId = location, syncIntervalMinutes = 0 },
        })).Json(HttpStatusCode.Created);
        var secret = (await (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK))
            .Str("secret");
        for (var i = 0; i < 3; i++)
        {
            await (await _app.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(location, $"c-scraped-{i}"), secret)))
                .Json(HttpStatusCode.Accepted);
        }

        await (await _app.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(location, "c-forged"), "whsec_wrong")))
            .ProblemAsync(HttpStatusCode.Unauthorized);

        var up = await Poll.Eventually(async () => await Query("""up{job="integrationhub"}""") is [_, ..] result ? result : null,
            "Prometheus to scrape the hub", seconds: 60);
        ValueOf(up).Should().Be(1, "the target is up: the token from the credentials file was accepted");

        var accepted = await Poll.Eventually(async () =>
                await Query("""sum(integrationhub_webhooks_received_total{job="integrationhub",outcome="accepted"})""") is [_, ..] result
                && ValueOf(result) == 3 ? result : null,
            "the accepted-webhook counter to reach 3 in Prometheus", seconds: 30);
        ValueOf(accepted).Should().Be(3);
        ValueOf((await Query("""sum(integrationhub_webhooks_received_total{outcome="rejected",reason="signature"})"""))!).Should().Be(1);
    }

    [Test]
    public async Task Every_query_of_the_shipped_dashboard_is_valid_over_series_the_hub_exports()
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", "grafana",
            "integrationhub-dashboard.json")))!;
        var expressions = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray()).Select(t => t!["expr"]!.GetValue<string>()).ToList();
        expressions.Should().HaveCountGreaterThan(8);

        await Poll.Eventually(async () => await Query("""up{job="integrationhub"}""") is [_, ..] ? "up" : null, "Prometheus to scrape the hub", seconds: 60);
        var exported = HubSeriesNames();
        foreach (var expression in expressions)
        {
            var promql = expression.Replace("$__rate_interval", "1m", StringComparison.Ordinal);
            (await Query(promql)).Should().NotBeNull($"Prometheus accepts {promql}");
            foreach (var series in System.Text.RegularExpressions.Regex.Matches(promql, @"\bintegrationhub_[a-z0-9_]+").Select(m => m.Value))
            {
                exported.Should().Contain(series, $"the dashboard's query {promql} reads a series the hub exports");
            }
        }
    }
}

