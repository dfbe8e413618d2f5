using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Operations;

/// <summary>
/// Traces from the real app: a webhook's path from the request to its processing is one trace across the hand-off,
/// and GoHighLevel calls are spans named by their operation, carrying no token or body.
/// </summary>
[TestFixture]
// Alone: its ActivityListener, and its app's tracer provider (OTLP on), listen to the hub's static ActivitySource and to
// ASP.NET Core and HttpClient by name, for every app in the test process; they would record other fixtures' requests.
[NonParallelizable]
public sealed class TracingTests : GoHighLevelFixture
{
    private readonly ConcurrentQueue<Activity> _finished = new();
    private ActivityListener _listener = null!;
    private const string AlertPath = "/services/T0000/B0000/alert-path-secret-9f8e7d";
    private WireMock.Server.WireMockServer _alerts = null!;
    private WireMock.Server.WireMockServer _collector = null!;

    protected override void BeforeStart()
    {
        // Listens as an exporter would: everything the hub and ASP.NET Core record, kept when it ends.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "IntegrationHub" or "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _finished.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        base.BeforeStart();
        _alerts = WireMock.Server.WireMockServer.Start();
        // Spans are recorded when something exports them: a collector stands by, as in production with tracing on.
        _collector = WireMock.Server.WireMockServer.Start();
        _collector.Given(WireMock.RequestBuilders.Request.Create().UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200));
        _alerts.Given(WireMock.RequestBuilders.Request.Create().WithPath(AlertPath).UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(204));
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        ["IntegrationHub:HealthChecks:Cron"] = "0 0 1 1 *",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Url,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["IntegrationHub:HealthChecks:AlertAfterFailures"] = "1",
        ["IntegrationHub:GoHighLevel:MaxAttempts"] = "1",
        // A Slack-style alert URL: the secret is its path.
        ["IntegrationHub:Alerts:WebhookUrl"] = _alerts.Url + AlertPath,
        ["IntegrationHub:Alerts:WebhookSecret"] = "whsec_" + Convert.ToBase64String(new byte[32]),
    };

    protected override void AfterStop()
    {
        base.AfterStop();
        _alerts?.Stop();
        _collector?.Stop();
        _listener?.Dispose();
    }

    private async Task<(int Id, string Location)> Integration(string token)
    {
        var tenant = await App.CreateTenant("Traced");
        var location = FakeGoHighLevel.NewLocationId();
        return (await ConnectGoHighLevel(tenant, token, location, syncIntervalMinutes: 0, name: "Traced GHL"), location);
    }

    /// <summary>A trace of the test's own around a call, as a traced sender has: its id travels in the traceparent header.</summary>
    private static Activity Traced() => new Activity("test sender").SetIdFormat(ActivityIdFormat.W3C).Start();

    private Task<Activity> Finished(Func<Activity, bool> match, string what) =>
        Poll.Eventually(() => Task.FromResult(_finished.FirstOrDefault(match)), what + ": " + string.Join("; ",
            _finished.TakeLast(30).Select(a => $"{a.Source.Name} {a.DisplayName} {a.TraceId} {a.ParentSpanId}")), seconds: 20);

    [Test]
    public async Task A_processed_event_continues_the_trace_of_the_request_that_delivered_it()
    {
        var (id, location) = await Integration(FakeGoHighLevel.ValidToken);
        var secret = (await (await Admin.PostAsync($"/api/admin/integrations/{id}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK)).Str("secret");
        var delivery = WebhookSender.Hmac(WebhookSender.ContactCreate(location, "c-traced-1"), secret);
        int eventId;
        ActivityTraceId traceId;
        using (var sender = Traced())
        {
            traceId = sender.TraceId;
            eventId = (await (await App.Anonymous().SendAsync(delivery)).Json(HttpStatusCode.Accepted))["eventId"]!.GetValue<int>();
        }

        var processing = await Finished(a => a.Source.Name == "IntegrationHub" && a.OperationName == "process webhook" && a.TraceId == traceId,
            "the processing span in the request's trace");
        var request = _finished.Single(a => a.Source.Name == "Microsoft.AspNetCore" && a.TraceId == traceId && a.DisplayName.Contains("/api/webhook"));
        processing.ParentSpanId.Should().Be(request.SpanId, "processing is a child of the request's span, across the hand-off");
        processing.Kind.Should().Be(ActivityKind.Consumer);
        processing.GetTagItem("webhook.event_id").Should().Be(eventId);
        processing.GetTagItem("webhook.type").Should().Be("ContactCreate");
        processing.GetTagItem("webhook.status").Should().Be("processed");

        using var scope = App.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().WebhookEvents.SingleAsync(e => e.Id == eventId);
        stored.TraceParent.Should().StartWith($"00-{traceId}-{request.SpanId}-", "the stored event keeps the request's trace context");
    }

    [Test]
    public async Task A_GoHighLevel_call_is_a_span_named_by_its_operation_without_the_token()
    {
        const string token = "pit-traced-wrong-token-42";
        var (id, _) = await Integration(token);
        ActivityTraceId traceId;
        using (var caller = Traced())
        {
            traceId = caller.TraceId;
            (await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>()
                .Should().BeFalse();
        }

        var call = await Finished(a => a.Source.Name == "IntegrationHub" && a.TraceId == traceId && a.OperationName == "GoHighLevel get_location",
            "the GoHighLevel span in the request's trace");
        call.Kind.Should().Be(ActivityKind.Client);
        call.GetTagItem("gohighlevel.operation").Should().Be("get_location");
        call.Status.Should().Be(ActivityStatusCode.Error, "GoHighLevel refused the token");
        var attempt = await Finished(a => a.Source.Name == "System.Net.Http" && a.ParentSpanId == call.SpanId, "the HTTP attempt under it");
        attempt.GetTagItem("http.response.status_code").Should().Be(401);
        attempt.Recorded.Should().BeTrue("calls to GoHighLevel are exported");

        var everything = _finished.Where(a => a.TraceId == traceId)
            .SelectMany(a => a.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(a.DisplayName).Append(a.StatusDescription ?? "")).ToList();
        everything.Should().NotContain(text => text.Contains(token, StringComparison.Ordinal), "no span carries the token");
    }

    [Test]
    public async Task Outgoing_requests_other_than_GoHighLevel_calls_are_not_recorded_since_their_urls_may_hold_a_secret()
    {
        var (id, _) = await Integration("pit-alerting-wrong-token");
        (await (await Admin.PostAsync($"/api/admin/integrations/{id}/test", null)).Json(HttpStatusCode.OK))["success"]!.GetValue<bool>()
            .Should().BeFalse(); // one failure is enough for a failing alert here, delivered by a background job

        var delivery = await Finished(a => a.Source.Name == "System.Net.Http" && a.GetTagItem("server.port") is int port && port == _alerts.Port,
            "the alert delivery's HTTP request");
        delivery.Recorded.Should().BeFalse("an exporter never sees the alert URL");
        _alerts.LogEntries.Should().NotBeEmpty("the alert was delivered all the same");
        App.Logs.All.Should().NotContain(AlertPath, "HttpClient's own request log lines, which name the whole URL, are off too");
    }
}
