using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

/// <summary>
/// <c>POST /api/webhook</c> (ReceiveWebhook): which deliveries are authentic (every signature scheme, a rotated secret),
/// what is refused with a 401 and logged, and a delivery sent again, even many times at once, stored once.
/// </summary>
[TestFixture]
public sealed class ReceiveWebhookTests : WebhookFixture
{
    [Test]
    public async Task A_repeated_delivery_is_a_duplicate_and_a_second_event_for_the_contact_updates_it()
    {
        var hook = await Hook();
        var body = WebhookSender.ContactCreate(hook.LocationId, "c-dup-1", webhookId: "wh-dup-1");
        var first = await Send(WebhookSender.Hmac(body, hook.Secret), HttpStatusCode.Accepted);
        var again = await Send(WebhookSender.Hmac(body, hook.Secret), HttpStatusCode.OK);
        again.Str("status").Should().Be("duplicate");
        again["eventId"]!.GetValue<int>().Should().Be(first["eventId"]!.GetValue<int>());
        await EventInStatus(first["eventId"]!.GetValue<int>(), "processed");

        var renamed = await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-dup-1", firstName: "Augusta"), hook.Secret),
            HttpStatusCode.Accepted);
        await EventInStatus(renamed["eventId"]!.GetValue<int>(), "processed");

        var leads = await LeadsOf(hook.Tenant);
        leads.Should().ContainSingle("the same contact never becomes two leads");
        leads[0]!.Str("firstName").Should().Be("Augusta");
    }

    [Test]
    public async Task The_same_delivery_sent_many_times_at_once_is_stored_once_and_becomes_one_lead()
    {
        var hook = await Hook();
        var body = WebhookSender.ContactCreate(hook.LocationId, "c-race-1", webhookId: "wh-race-1");
        var before = DateTime.UtcNow;

        // Concurrent copies land in the same group commit: the inbox must tell them apart within one batch too.
        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            using var response = await App.Anonymous().SendAsync(WebhookSender.Hmac(body, hook.Secret));
            return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }));

        answers.Count(a => a.Item1 == 202).Should().Be(1, "exactly one copy is the delivery, the rest are duplicates");
        answers.Where(a => a.Item1 != 202).Should().AllSatisfy(a =>
        {
            a.Item1.Should().Be(200);
            a.Item2.Str("status").Should().Be("duplicate");
        });
        answers.Select(a => a.Item2["eventId"]!.GetValue<int>()).Distinct().Should().ContainSingle();

        var stored = (await Admin.GetJson($"/api/admin/webhook-events?locationId={hook.LocationId}")).AsArray();
        stored.Should().ContainSingle();
        var details = await EventInStatus(stored[0]!.Id(), "processed");
        details["event"]!.Str("eventType").Should().Be("ContactCreate");
        details["event"]!.Str("signatureScheme").Should().Be("hmac-sha256");
        details["event"]!["receivedAt"]!.GetValue<DateTime>().ToUniversalTime().Should().BeOnOrAfter(before.AddSeconds(-1)).And.BeBefore(DateTime.UtcNow);
        (await LeadsOf(hook.Tenant)).Should().ContainSingle();
    }

    [Test]
    public async Task Every_signature_scheme_is_accepted_when_right()
    {
        var hook = await Hook();
        await Send(WebhookSender.Standard(WebhookSender.ContactCreate(hook.LocationId, "c-std"), hook.Secret), HttpStatusCode.Accepted);
        await Send(WebhookSender.Token(WebhookSender.ContactCreate(hook.LocationId, "c-token"), hook.Secret), HttpStatusCode.Accepted);
        await Send(Sender.Ed25519(WebhookSender.ContactCreate(hook.LocationId, "c-ed25519")), HttpStatusCode.Accepted);
        await Send(Sender.Rsa(WebhookSender.ContactCreate(hook.LocationId, "c-rsa")), HttpStatusCode.Accepted);

        var leads = await Poll.Eventually(async () => (await LeadsOf(hook.Tenant)) is { Count: 4 } all ? all : null, "four leads");
        leads.Select(l => l!.Str("externalContactId")).Should().BeEquivalentTo(["c-std", "c-token", "c-ed25519", "c-rsa"]);
        var schemes = (await Admin.GetJson($"/api/admin/webhook-events?locationId={hook.LocationId}")).AsArray().Select(e => e!.Str("signatureScheme"));
        schemes.Should().BeEquivalentTo(["standard-webhooks", "static-token", "ghl-ed25519", "ghl-rsa"]);
    }

    [Test]
    public async Task A_delivery_carrying_both_gohighlevel_signatures_is_authentic_when_either_verifies()
    {
        var hook = await Hook();
        var ed25519Good = Sender.Ed25519(WebhookSender.ContactCreate(hook.LocationId, "c-both-ed"));
        ed25519Good.Headers.Add("x-wh-signature", Convert.ToBase64String(new byte[512]));
        await Send(ed25519Good, HttpStatusCode.Accepted);

        var rsaGood = Sender.Rsa(WebhookSender.ContactCreate(hook.LocationId, "c-both-rsa"));
        rsaGood.Headers.Add("X-GHL-Signature", Convert.ToBase64String(new byte[64]));
        await Send(rsaGood, HttpStatusCode.Accepted);

        var neither = WebhookSender.Unsigned(WebhookSender.ContactCreate(hook.LocationId, "c-both-bad"));
        neither.Headers.Add("X-GHL-Signature", Convert.ToBase64String(new byte[64]));
        neither.Headers.Add("x-wh-signature", Convert.ToBase64String(new byte[512]));
        var problem = await (await App.Anonymous().SendAsync(neither)).ProblemAsync(HttpStatusCode.Unauthorized);
        problem.Str("detail").Should().Contain("Neither");

        var schemes = (await Admin.GetJson($"/api/admin/webhook-events?locationId={hook.LocationId}")).AsArray().Select(e => e!.Str("signatureScheme"));
        schemes.Should().BeEquivalentTo(["ghl-ed25519", "ghl-rsa"]);
    }

    [Test]
    public async Task Forged_truncated_missing_or_expired_signatures_are_401_and_store_nothing()
    {
        var hook = await Hook();
        var body = WebhookSender.ContactCreate(hook.LocationId, "c-forged");
        var before = await EventCount();

        await (await App.Anonymous().SendAsync(WebhookSender.Unsigned(body))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(body, "whsec_not-the-secret"))).ProblemAsync(HttpStatusCode.Unauthorized);
        var tampered = WebhookSender.Hmac(body, hook.Secret);
        tampered.Content = new StringContent(body.Replace("Ada", "Eve"), System.Text.Encoding.UTF8, "application/json");
        await (await App.Anonymous().SendAsync(tampered)).ProblemAsync(HttpStatusCode.Unauthorized);
        var truncated = Sender.Ed25519(body);
        var signature = truncated.Headers.GetValues("X-GHL-Signature").Single();
        truncated.Headers.Remove("X-GHL-Signature");
        truncated.Headers.Add("X-GHL-Signature", signature[..20]);
        await (await App.Anonymous().SendAsync(truncated)).ProblemAsync(HttpStatusCode.Unauthorized);
        var forgedRsa = Sender.Rsa(body);
        forgedRsa.Content = new StringContent(body + " ", System.Text.Encoding.UTF8, "application/json");
        await (await App.Anonymous().SendAsync(forgedRsa)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await App.Anonymous().SendAsync(WebhookSender.Token(body, hook.Secret + "x"))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await App.Anonymous().SendAsync(WebhookSender.Standard(body, hook.Secret, DateTimeOffset.UtcNow.AddMinutes(-10))))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        var stale = WebhookSender.ContactCreate(hook.LocationId, "c-stale", timestamp: DateTimeOffset.UtcNow.AddMinutes(-6));
        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(stale, hook.Secret))).ProblemAsync(HttpStatusCode.Unauthorized);

        (await EventCount()).Should().Be(before);
        (await LeadsOf(hook.Tenant)).Should().BeEmpty();
    }

    [Test]
    public async Task Refusals_are_logged_at_information_with_reason_and_location_and_hangfire_routine_lines_stay_out()
    {
        var hook = await Hook();
        var body = WebhookSender.ContactCreate(hook.LocationId, "c-logged-refusal");
        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(body, "whsec_wrong-secret-for-the-log"))).ProblemAsync(HttpStatusCode.Unauthorized);

        var line = await Poll.Eventually(() => Task.FromResult(App.Logs.Lines.FirstOrDefault(l =>
            l.Contains("Webhook refused with 401", StringComparison.Ordinal) && l.Contains(hook.LocationId, StringComparison.Ordinal))), "the refusal in the log");
        line.Should().StartWith("Information ").And.Contain("Invalid x-webhook-signature");
        App.Logs.All.Should().NotContain(hook.Secret).And.NotContain("whsec_wrong-secret-for-the-log");

        // Hangfire's server is up (it logs its start at information), yet none of its routine lines reach the log.
        await Poll.Eventually(() => Task.FromResult(App.ServerCount() > 0 ? "up" : null), "the Hangfire server");
        App.Logs.Lines.Where(l => l.StartsWith("Information Hangfire", StringComparison.Ordinal) || l.StartsWith("Debug Hangfire", StringComparison.Ordinal))
            .Should().BeEmpty();
    }

    [Test]
    public async Task A_location_without_integration_is_logged_as_such_once_a_minute_and_answered_like_a_bad_signature()
    {
        var hook = await Hook();
        var nowhere = "loc-nowhere-" + Guid.NewGuid().ToString("N")[..8];

        var unknown = await (await App.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(nowhere, "c-n1"), hook.Secret)))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(nowhere, "c-n2"), hook.Secret)))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        var forged = await (await App.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-n3"), "whsec_wrong")))
            .ProblemAsync(HttpStatusCode.Unauthorized);

        // The sender cannot tell an unknown location from a wrong secret...
        unknown.Str("detail").Should().Be("The signature could not be verified, or no integration has this location.");
        forged.Str("detail").Should().Be(unknown.Str("detail"));
        // ...but the log tells the admin exactly, once a minute per location and reason (refusals are logged before the answer).
        var lines = App.Logs.Lines.Where(l => l.Contains("Webhook refused with 401", StringComparison.Ordinal) && l.Contains(nowhere, StringComparison.Ordinal));
        lines.Should().ContainSingle().Which.Should().Contain("No integration has this location").And.NotContainEquivalentOf("signature");
        App.Logs.Lines.Should().ContainSingle(l => l.Contains("Webhook refused with 401", StringComparison.Ordinal)
            && l.Contains(hook.LocationId, StringComparison.Ordinal) && l.Contains("Invalid x-webhook-signature", StringComparison.Ordinal));
    }

    [Test]
    public async Task Unsigned_events_are_accepted_only_where_the_integration_explicitly_allows_them()
    {
        var hook = await Hook();
        var body = WebhookSender.ContactCreate(hook.LocationId, "c-unsigned");
        await (await App.Anonymous().SendAsync(WebhookSender.Unsigned(body))).ProblemAsync(HttpStatusCode.Unauthorized);

        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{hook.IntegrationId}", new { config = new { allowUnsignedWebhooks = true } }))
            .Json(HttpStatusCode.OK);
        var accepted = await Send(WebhookSender.Unsigned(body), HttpStatusCode.Accepted);
        (await EventInStatus(accepted["eventId"]!.GetValue<int>(), "processed"))["event"]!.Str("signatureScheme").Should().Be("unsigned-allowed");

        // A wrong signature is still refused: allowing unsigned events does not make bad signatures pass.
        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-bad"), "whsec_wrong")))
            .ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_previous_secret_keeps_working_during_rotation()
    {
        var hook = await Hook();
        var rotated = await (await Admin.PostAsync($"/api/admin/integrations/{hook.IntegrationId}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK);
        await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-old-secret"), hook.Secret), HttpStatusCode.Accepted);
        await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-new-secret"), rotated.Str("secret")), HttpStatusCode.Accepted);

        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var integration = await db.Integrations.SingleAsync(i => i.Id == hook.IntegrationId);
            db.Entry(integration).Property(i => i.PreviousWebhookSecretExpiresAt).CurrentValue = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-expired"), hook.Secret)))
            .ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
