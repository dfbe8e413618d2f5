using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Operations;

/// <summary>
/// <c>GET /api/admin/overview</c> from the real app: after real deliveries (accepted and refused) and a failing connection
/// check, this instance's samples count them, the new leads are today's, and the failing integration is listed with its
/// cause and its alert. Samples every second here (a minute by default).
/// </summary>
[TestFixture]
public sealed class OverviewTests : GoHighLevelFixture
{
    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        ["IntegrationHub:Overview:SampleInterval"] = "00:00:01",
        ["IntegrationHub:GoHighLevel:MaxAttempts"] = "1",
        ["IntegrationHub:HealthChecks:AlertAfterFailures"] = "1", // the failing check raises its alert at once
        ["IntegrationHub:HealthChecks:Cron"] = "0 0 1 1 *", // no sweep of its own during the test
    };

    private static long Sum(JsonNode overview, string field) =>
        overview["recent"]!["samples"]!.AsArray().Sum(s => s![field]!.GetValue<long>());

    [Test]
    public async Task Deliveries_leads_and_a_failing_integration_show_in_the_overview()
    {
        var tenant = await App.CreateTenant("Overview");
        var location = FakeGoHighLevel.NewLocationId();
        var integrationId = await ConnectGoHighLevel(tenant, apiKey: "pit-refused-by-ghl", locationId: location, name: "GHL overview");
        var secret = (await (await Admin.PostAsync($"/api/admin/integrations/{integrationId}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK))
            .Str("secret");

        for (var i = 1; i <= 2; i++)
        {
            await (await App.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(location, $"c-overview-{i}"), secret)))
                .Json(HttpStatusCode.Accepted);
        }

        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(location, "c-forged"), "whsec_forged")))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        (await (await Admin.PostAsync($"/api/admin/integrations/{integrationId}/test", null)).Json(HttpStatusCode.OK))["success"]!
            .GetValue<bool>().Should().BeFalse();

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var overview = await Poll.Eventually(async () =>
        {
            var now = await Admin.GetJson("/api/admin/overview");
            var leadsToday = now["leadsPerDay"]!.AsArray()[^1]!["count"]!.GetValue<int>();
            return Sum(now, "webhooksAccepted") >= 2 && Sum(now, "webhooksRefused") >= 1 && leadsToday >= 2 ? now : null;
        }, "the deliveries in a sample and their leads created");

        var recent = overview["recent"]!;
        recent["sampling"]!.GetValue<bool>().Should().BeTrue();
        recent["intervalSeconds"]!.GetValue<double>().Should().Be(1);
        recent["since"]!.GetValue<DateTime>().Should().BeBefore(DateTime.UtcNow);
        var samples = recent["samples"]!.AsArray();
        samples.Count.Should().BeInRange(1, 60);
        samples[^1]!["outboundByOutcome"]!.AsObject().Select(p => p.Key).Should().Contain(["succeeded", "failed", "pending", "cancelled"]);

        var days = overview["leadsPerDay"]!.AsArray();
        days.Should().HaveCount(14);
        days[^1]!.Str("day").Should().Be(today);

        var failing = overview["failingIntegrations"]!.AsArray().Single(i => i!.Id() == integrationId)!;
        failing.Str("name").Should().Be("GHL overview");
        failing.Str("cause").Should().NotBeNullOrWhiteSpace();
        failing["consecutiveFailures"]!.GetValue<int>().Should().Be(1);
        var alert = overview["latestAlerts"]!.AsArray().First(a => a!["integrationId"]!.GetValue<int>() == integrationId)!;
        alert.Str("kind").Should().Be("failing");
        alert.Str("integrationName").Should().Be("GHL overview");

        overview.ToJsonString().Should().NotContain("pit-refused-by-ghl").And.NotContain(secret).And.NotContain("c-overview-1");
    }

    [Test]
    public async Task The_overview_is_for_admins_only()
    {
        (await App.Anonymous().GetAsync("/api/admin/overview")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var tenant = await App.CreateTenant("Overview tenant");
        (await tenant.Client.GetAsync("/api/admin/overview")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
