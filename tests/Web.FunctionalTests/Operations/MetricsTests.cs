using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Operations;

/// <summary>
/// <c>GET /metrics</c> as Prometheus reads it, from the real app over HTTP: admins only, and after a few real deliveries
/// (accepted, its byte-identical resend, a forgery) and a failing health check the series say exactly that.
/// </summary>
[TestFixture]
// Alone: OpenTelemetry's meter provider reads the "IntegrationHub" meter by name, from every app in the test process, and
// these tests assert exact counts; another fixture's webhooks would be counted in this app's /metrics.
[NonParallelizable]
public sealed class MetricsTests : GoHighLevelFixture
{
    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        ["IntegrationHub:GoHighLevel:MaxAttempts"] = "1",
        ["IntegrationHub:HealthChecks:AlertAfterFailures"] = "1", // the failing check raises its alert at once
        ["IntegrationHub:HealthChecks:Cron"] = "0 0 1 1 *", // no sweep of its own during the test
    };

    private async Task<IReadOnlyList<PrometheusSample>> Scrape()
    {
        var response = await Admin.GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_delivery_for_a_location_without_integration_is_counted_as_unknown_location_not_as_a_bad_signature()
    {
        var before = await Scrape();
        var nowhere = FakeGoHighLevel.NewLocationId();

        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(nowhere, "c-nowhere-1"), "whsec_any")))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        await (await App.Anonymous().SendAsync(WebhookSender.Unsigned(WebhookSender.ContactCreate(nowhere, "c-nowhere-2"))))
            .ProblemAsync(HttpStatusCode.Unauthorized);

        var after = await Scrape();
        double Delta(params (string, string)[] labels) =>
            after.Sum("integrationhub_webhooks_received_total", labels) - before.Sum("integrationhub_webhooks_received_total", labels);
        Delta(("outcome", "rejected"), ("reason", "unknown_location")).Should().Be(2);
        Delta(("outcome", "rejected"), ("reason", "signature")).Should().Be(0);
    }

    [Test]
    public async Task Metrics_are_refused_to_anonymous_and_tenant_callers()
    {
        (await App.Anonymous().GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var tenant = await App.CreateTenant("Metrics tenant");
        var refused = await tenant.Client.GetAsync("/metrics");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().NotContain("integrationhub_");
        (await App.WithToken("ih_not-a-real-token-000000000000").GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Webhooks_and_a_failing_health_check_show_in_the_series_with_their_values()
    {
        var tenant = await App.CreateTenant("Metrics");
        var location = FakeGoHighLevel.NewLocationId();
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL metrics",
            config = new { apiKey = "pit-wrong-token", locationId = location, baseUrl = Ghl.Url, syncIntervalMinutes = 0 },
        })).Json(HttpStatusCode.Created);
        var secret = (await (await Admin.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK))
            .Str("secret");
        var before = await Scrape();

        var body = WebhookSender.ContactCreate(location, "c-metrics-1");
        var accepted = await (await App.Anonymous().SendAsync(WebhookSender.Hmac(body, secret))).Json(HttpStatusCode.Accepted);
        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(body, secret))).Json(HttpStatusCode.OK); // byte-identical resend
        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(body, "whsec_forged"))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await App.Anonymous().PostRaw("/api/webhook", "{not json")).ProblemAsync(HttpStatusCode.BadRequest);
        var check = await (await Admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).Json(HttpStatusCode.OK);
        check["success"]!.GetValue<bool>().Should().BeFalse();
        await Poll.Eventually(async () =>
            (await Admin.GetJson($"/api/admin/webhook-events/{accepted["eventId"]}"))["event"]!.Str("status") == "processed" ? "done" : null,
            "the accepted event to be processed");

        var after = await Scrape();
        double Delta(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);

        const string received = "integrationhub_webhooks_received_total";
        Delta(received, ("outcome", "accepted"), ("reason", "none"), ("scheme", "hmac-sha256")).Should().Be(1);
        Delta(received, ("outcome", "duplicate"), ("scheme", "hmac-sha256")).Should().Be(1);
        Delta(received, ("outcome", "rejected"), ("reason", "signature"), ("scheme", "hmac-sha256")).Should().Be(1);
        Delta(received, ("outcome", "rejected"), ("reason", "malformed")).Should().Be(1);
        Delta(received).Should().Be(4, "each delivery is counted once");

        Delta("integrationhub_webhooks_inbox_batch_size_count").Should().BeGreaterThanOrEqualTo(1);
        Delta("integrationhub_webhooks_processed_total", ("outcome", "processed"), ("type", "ContactCreate")).Should().Be(1);
        Delta("integrationhub_webhooks_processing_lag_seconds_count", ("type", "ContactCreate")).Should().Be(1);
        after.Sum("integrationhub_webhooks_pending").Should().Be(0, "nothing is left to process");

        Delta("integrationhub_health_checks_total", ("result", "failure")).Should().Be(1);
        Delta("integrationhub_health_checks_total", ("result", "success")).Should().Be(0);
        Delta("integrationhub_alerts_raised_total", ("kind", "failing")).Should().Be(1);
        Delta("integrationhub_gohighlevel_requests_total", ("operation", "get_location"), ("status_class", "4xx"), ("status_code", "401"))
            .Should().Be(1);
        after.Sum("integrationhub_integrations", ("status", "error")).Should().BeGreaterThanOrEqualTo(1);
        after.Should().Contain(s => s.Name == "integrationhub_integrations" && s.Labels["status"] == "disconnected", "every status is a series");

        var text = await (await Admin.GetAsync("/metrics")).Content.ReadAsStringAsync();
        text.Should().NotContain(location, "no location ids in labels").And.NotContain("c-metrics-1").And.NotContain(secret)
            .And.NotContain("pit-wrong-token");
        after.Should().Contain(s => s.Name.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal), "ASP.NET Core's own metrics");
        after.Should().Contain(s => s.Name.StartsWith("dotnet_", StringComparison.Ordinal) || s.Name.StartsWith("process_runtime_dotnet", StringComparison.Ordinal),
            "runtime metrics");
    }

    [Test]
    public async Task A_contact_sync_shows_as_a_run_by_result_and_its_contacts_by_outcome()
    {
        var tenant = await App.CreateTenant("Metrics sync");
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL synced",
            config = new { apiKey = FakeGoHighLevel.ValidToken, locationId = FakeGoHighLevel.NewLocationId(), baseUrl = Ghl.Url, syncIntervalMinutes = 0 },
        })).Json(HttpStatusCode.Created);
        var stamp = DateTimeOffset.UtcNow.AddMinutes(-5);
        var contacts = Enumerable.Range(1, 3).Select(i => Ghl.AddContact($"Synced{i}", "Metrics", $"m{i}@metrics.test", stamp)).ToList();
        var before = await Scrape();

        var runId = (await (await Admin.PostAsync($"/api/admin/integrations/{integration.Id()}/sync", null)).Json(HttpStatusCode.Accepted))["syncRunId"]!
            .GetValue<int>();
        await Poll.Eventually(async () =>
            (await Admin.GetJson($"/api/admin/integrations/{integration.Id()}/sync-runs")).AsArray().Single(r => r!.Id() == runId)!.Str("status")
                is "succeeded" or "failed" ? "finished" : null, "the sync run to finish");

        var after = await Scrape();
        double Delta(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        Delta("integrationhub_sync_runs_total", ("result", "succeeded")).Should().Be(1);
        Delta("integrationhub_sync_runs_total", ("result", "failed")).Should().Be(0);
        Delta("integrationhub_sync_contacts_total").Should().Be(contacts.Count, "every contact read is counted once");
        Delta("integrationhub_sync_contacts_total", ("outcome", "created")).Should().Be(contacts.Count);
        Delta("integrationhub_gohighlevel_requests_total", ("operation", "search_contacts"), ("status_class", "2xx")).Should().BeGreaterThanOrEqualTo(1);
    }

    [Test]
    public async Task Open_outbound_operations_are_counted_by_status_and_the_oldest_waiting_ones_age_is_shown()
    {
        const string open = "integrationhub_outbound_operations_open";
        const string age = "integrationhub_outbound_oldest_waiting_age_seconds";
        var tenant = await App.CreateTenant("Metrics outbound");
        await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL not tested yet",
            config = new { apiKey = FakeGoHighLevel.ValidToken, locationId = FakeGoHighLevel.NewLocationId(), baseUrl = Ghl.Url, syncIntervalMinutes = 0 },
        })).Json(HttpStatusCode.Created);
        var before = await Scrape();
        var lead = await (await tenant.Client.PostJson("/api/leads", new { name = "Waits For Metrics" })).Json(HttpStatusCode.Created);
        var operation = (await Admin.GetJson($"/api/admin/outbound?leadId={lead.Id()}")).AsArray().Single()!;
        operation.Str("status").Should().Be("waiting", "its integration is not active yet");

        var during = await Scrape();
        foreach (var status in new[] { "pending", "waiting", "running", "failed", "conflict" })
        {
            during.Should().Contain(s => s.Name == open && s.Labels["status"] == status, $"{status} is a series, zeros included");
        }

        during.Should().NotContain(s => s.Name == open && s.Labels["status"] == "succeeded", "finished operations are not open");
        (during.Sum(open, ("status", "waiting")) - before.Sum(open, ("status", "waiting"))).Should().Be(1);
        during.Sum(age).Should().BeGreaterThan(0, "an operation has been waiting since before the scrape");

        (await Admin.DeleteAsync($"/api/admin/outbound/{operation.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var after = await Scrape();
        after.Sum(open, ("status", "waiting")).Should().Be(before.Sum(open, ("status", "waiting")));
        if (after.Sum(open, ("status", "waiting")) + after.Sum(open, ("status", "pending")) == 0)
        {
            after.Sum(age).Should().Be(0, "nothing is waiting");
        }
    }
}
