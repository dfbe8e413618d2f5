using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

[TestFixture]
public sealed class WebhookTests : WebhookFixture
{
    [Test]
    public async Task An_hmac_signed_contact_becomes_a_lead_with_a_detected_timezone()
    {
        var hook = await Hook();
        var accepted = await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-hmac-1"), hook.Secret), HttpStatusCode.Accepted);
        accepted.Str("status").Should().Be("accepted");
        var eventId = accepted["eventId"]!.GetValue<int>();

        await EventInStatus(eventId, "processed");
        var lead = (await LeadsOf(hook.Tenant)).Single()!;
        lead.Str("externalContactId").Should().Be("c-hmac-1");
        lead.Str("name").Should().Be("Ada Lovelace");
        lead.Str("email").Should().Be("c-hmac-1@example.com");
        lead.Str("company").Should().Be("Analytical");
        lead.Str("postalCode").Should().Be("73301");
        lead.Str("timezone").Should().Be("America/Chicago", "Texas is on Central time");
        lead["regularUserId"]!.GetValue<int>().Should().Be(hook.Tenant.UserId);
        lead["strategyId"]!.GetValue<int>().Should().Be(hook.Tenant.StrategyId);
        lead["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("webhook", "vip");
    }

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

    [TestCase("{not json", TestName = "malformed JSON")]
    [TestCase("[1,2,3]", TestName = "not an object")]
    [TestCase("""{"type":"ContactCreate","id":"c1"}""", TestName = "missing locationId")]
    [TestCase("""{"type":"ContactCreate","locationId":42,"id":"c1"}""", TestName = "locationId not a string")]
    [TestCase("""{"type":"ContactCreate","type":"ContactDelete","locationId":"LOC","id":"c1"}""", TestName = "a repeated property")]
    [TestCase("""{"type":"ContactCreate","locationId":"LOC","id":"c1","customFields":{"f":1,"f":2}}""", TestName = "a repeated nested property")]
    public async Task Only_bodies_that_are_not_a_json_object_with_a_location_are_400_and_store_nothing(string template)
    {
        var hook = await Hook();
        var before = await EventCount();
        var body = template.Replace("LOC", hook.LocationId);
        var problem = await (await App.Anonymous().SendAsync(WebhookSender.Hmac(body, hook.Secret))).ProblemAsync(HttpStatusCode.BadRequest);
        problem.Str("detail").Should().NotBeNullOrEmpty();
        (await EventCount()).Should().Be(before);
    }

    // GoHighLevel never resends an event answered 400: an authentic event is stored whatever its content, and what
    // processing cannot use is a dead letter with the reason, for an admin to see and replay.
    [TestCase("""{"locationId":"LOC","id":"c1"}""", "Unknown", "unhandled", null, TestName = "missing type")]
    [TestCase("""{"type":7,"locationId":"LOC","id":"c1"}""", "Unknown", "unhandled", null, TestName = "type not a string")]
    [TestCase("""{"type":"ContactCreate","locationId":"LOC"}""", "ContactCreate", "failed", "(id)", TestName = "contact without id")]
    [TestCase("""{"type":"ContactCreate","locationId":"LOC","id":7}""", "ContactCreate", "failed", "(id)", TestName = "contact id not a string")]
    [TestCase("""{"type":"OutboundMessage","locationId":"LOC","messageType":"SMS"}""", "OutboundMessage", "failed", "(contactId)",
        TestName = "message without contact")]
    [TestCase("""{"type":"ContactCreate","locationId":"LOC","id":"c-odd","email":42,"tags":["a",5,null]}""", "ContactCreate", "processed", null,
        TestName = "odd field types are skipped")]
    [TestCase("""{"type":"OutboundMessage","locationId":"LOC","contactId":"c1","messageType":"SMS","body":"hi"}""", "OutboundMessage",
        "processed", null, TestName = "message without messageId")]
    public async Task Authentic_events_are_stored_whatever_their_content(string template, string type, string status, string? reason)
    {
        var hook = await Hook();
        var body = template.Replace("LOC", hook.LocationId);
        var accepted = await Send(WebhookSender.Hmac(body, hook.Secret), HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();
        var details = await EventInStatus(eventId, status);
        details["event"]!.Str("eventType").Should().Be(type);
        if (reason is not null)
        {
            details["event"]!.Str("lastError").Should().Contain(reason);
            (await Admin.PostAsync($"/api/admin/webhook-events/{eventId}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
            await EventInStatus(eventId, "failed");
        }

        // A byte-identical resend is a duplicate of the stored event, whatever became of it.
        var again = await Send(WebhookSender.Hmac(body, hook.Secret), HttpStatusCode.OK);
        again["eventId"]!.GetValue<int>().Should().Be(eventId);
    }

    [Test]
    public async Task Invalid_utf8_is_a_400()
    {
        var hook = await Hook();
        var bytes = System.Text.Encoding.UTF8.GetBytes(WebhookSender.ContactCreate(hook.LocationId, "c-utf"));
        bytes[Array.IndexOf(bytes, (byte)'A')] = 0xC3; // a lead byte with no continuation
        var request = WebhookSender.Unsigned("");
        request.Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } };
        request.Headers.Add("x-webhook-signature", Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hook.Secret), bytes)));
        await (await App.Anonymous().SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_ten_megabyte_body_is_413_and_the_service_keeps_serving()
    {
        var hook = await Hook();
        // A raw socket: the server answers 413 from the headers, before the 10 MB are sent (an HTTP client would
        // still be writing the body when the connection closes).
        var address = new Uri(App.Anonymous().BaseAddress!, "/api/webhook");
        using (var tcp = new System.Net.Sockets.TcpClient())
        {
            await tcp.ConnectAsync(address.Host, address.Port);
            await using var stream = tcp.GetStream();
            var head = $"POST /api/webhook HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {10 * 1024 * 1024}\r\n\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes("{\"type\":\"ContactCreate\",\"pad\":\"xxxxxxxx"));
            var buffer = new byte[4096];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            System.Text.Encoding.ASCII.GetString(buffer, 0, read).Should().StartWith("HTTP/1.1 413");
        }

        await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-after-huge"), hook.Secret), HttpStatusCode.Accepted);
    }

    [TestCase(true, TestName = "A signed 2 MiB body sent whole before reading is answered 413 (with a Content-Length)")]
    [TestCase(false, TestName = "A signed 2 MiB body sent whole before reading is answered 413 (chunked)")]
    public async Task A_signed_two_megabyte_body_written_whole_before_reading_gets_its_413(bool withContentLength)
    {
        var hook = await Hook();
        // A real contact event, padded past the 1 MiB limit and signed: only its size is wrong.
        var body = System.Text.Encoding.UTF8.GetBytes(WebhookSender.ContactCreate(hook.LocationId, "c-two-mib")
            .Replace("\"firstName\"", $"\"pad\":\"{new string('x', 2 * 1024 * 1024)}\",\"firstName\"", StringComparison.Ordinal));
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hook.Secret), body));
        var address = new Uri(App.Anonymous().BaseAddress!, "/api/webhook");

        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var framing = withContentLength ? $"Content-Length: {body.Length}" : "Transfer-Encoding: chunked";
        var head = $"POST /api/webhook HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n" +
            $"x-webhook-signature: {signature}\r\n{framing}\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        if (withContentLength)
        {
            await stream.WriteAsync(body); // the whole body before reading anything, as most HTTP clients do
        }
        else
        {
            foreach (var chunk in body.Chunk(64 * 1024))
            {
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
                await stream.WriteAsync(chunk);
                await stream.WriteAsync("\r\n"u8.ToArray());
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }

        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        answer.Should().StartWith("HTTP/1.1 413").And.Contain("Connection: close").And.Contain("\"status\":413");
        (await LeadsOf(hook.Tenant)).Should().BeEmpty();
    }

    [Test]
    public async Task A_message_that_arrives_before_its_contact_is_kept_and_shown_with_the_lead()
    {
        var hook = await Hook();
        var message = await Send(WebhookSender.Hmac(WebhookSender.OutboundMessage(hook.LocationId, "c-msg-1", "m-1"), hook.Secret), HttpStatusCode.Accepted);
        await EventInStatus(message["eventId"]!.GetValue<int>(), "processed");
        var contact = await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-msg-1"), hook.Secret), HttpStatusCode.Accepted);
        await EventInStatus(contact["eventId"]!.GetValue<int>(), "processed");

        var lead = (await LeadsOf(hook.Tenant)).Single()!;
        var messages = await hook.Tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages");
        var logged = messages.AsArray().Should().ContainSingle().Subject!;
        logged.Str("messageType").Should().Be("Email");
        logged.Str("subject").Should().Be("Welcome");
        logged.Str("body").Should().Be("Hello there");
        logged.Str("from").Should().Be("desk@clinic.test");
        logged.Str("to").Should().Be("c-msg-1@example.com");
        logged.Str("direction").Should().Be("outbound");
        logged.Str("status").Should().Be("delivered");
        logged["attachments"]!.AsArray().Should().ContainSingle();
        logged["leadId"]!.GetValue<int>().Should().Be(lead.Id(), "it was linked once the lead appeared");

        // The same message delivered again (new delivery id) is logged once.
        var again = await Send(WebhookSender.Hmac(WebhookSender.OutboundMessage(hook.LocationId, "c-msg-1", "m-1"), hook.Secret), HttpStatusCode.Accepted);
        await EventInStatus(again["eventId"]!.GetValue<int>(), "processed");
        (await hook.Tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages")).AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task Every_documented_gohighlevel_example_is_accepted_and_its_messages_are_logged()
    {
        var hook = await Hook();
        var contactId = "c-doc-" + Guid.NewGuid().ToString("N")[..8];
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "ghl-webhook-examples");
        var examples = Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
        examples.Should().HaveCountGreaterThanOrEqualTo(7);

        // The create first, so the messages have their lead; then every other example, as real deliveries (fresh ids).
        var eventIds = new Dictionary<string, int>();
        foreach (var file in examples.OrderBy(f => Path.GetFileName(f) == "ContactCreate.json" ? 0 : 1))
        {
            var body = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            body["locationId"] = hook.LocationId;
            body[body.ContainsKey("contactId") ? "contactId" : "id"] = contactId;
            body["webhookId"] = Guid.NewGuid().ToString();
            body["timestamp"] = DateTimeOffset.UtcNow.ToString("O");
            var accepted = await Send(WebhookSender.Hmac(body.ToJsonString(), hook.Secret), HttpStatusCode.Accepted);
            eventIds[Path.GetFileNameWithoutExtension(file)] = accepted["eventId"]!.GetValue<int>();
            if (Path.GetFileName(file) == "ContactCreate.json")
            {
                await EventInStatus(eventIds["ContactCreate"], "processed");
            }
        }

        await EventInStatus(eventIds["OutboundMessage.SMS"], "processed");
        await EventInStatus(eventIds["OutboundMessage.Email"], "processed");
        var lead = (await LeadsOf(hook.Tenant)).Should().ContainSingle().Subject!;
        var messages = (await hook.Tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages")).AsArray();
        messages.Select(m => m!.Str("messageType")).Should().Contain(["SMS", "Email"]);
        messages.Single(m => m!.Str("messageType") == "Email")!.Str("subject").Should().Be("Order Confirmed");
    }

    [Test]
    public async Task The_contact_lifecycle_follows_gohighlevel_whatever_the_order_of_its_events()
    {
        var hook = await Hook();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-4);
        string At(int minutes) => t0.AddMinutes(minutes).ToString("O");
        JsonObject Contact(string type, int minutes) => new() { ["type"] = type, ["id"] = "c-life", ["dateUpdated"] = At(minutes) };

        // The update arrives before the create: it creates the lead.
        var update = Contact("ContactUpdate", 2);
        update["firstName"] = "Ada";
        update["lastName"] = "Byron";
        update["companyName"] = "Engines";
        update["customFields"] = new JsonArray(new JsonObject { ["id"] = "f-plan", ["value"] = "gold" });
        await Deliver(hook, update);
        var lead = (await LeadsOf(hook.Tenant)).Should().ContainSingle().Subject!;
        lead.Str("company").Should().Be("Engines");
        lead["customFields"]!["f-plan"]!.GetValue<string>().Should().Be("gold");
        lead["crmUpdatedAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(t0.AddMinutes(2), TimeSpan.FromMilliseconds(1));

        // The older create, arriving late, changes nothing.
        var create = Contact("ContactCreate", 1);
        create["firstName"] = "Old";
        await Deliver(hook, create);
        (await Admin.GetJson($"/api/leads/{lead.Id()}")).Str("firstName").Should().Be("Ada");

        // A tag update replaces the tags and leaves the rest; the same event twice changes nothing.
        var tags = Contact("ContactTagUpdate", 3);
        tags["tags"] = new JsonArray("vip", "dental");
        await Deliver(hook, (JsonObject)tags.DeepClone());
        var tagged = await Admin.GetJson($"/api/leads/{lead.Id()}");
        tagged["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("vip", "dental");
        tagged.Str("company").Should().Be("Engines", "fields an event leaves out stay as they are");
        await Deliver(hook, (JsonObject)tags.DeepClone());
        (await Admin.GetJson($"/api/leads/{lead.Id()}")).Str("updatedAt").Should().Be(tagged.Str("updatedAt"));

        // Deleted in GoHighLevel: the lead stays, marked; a later create clears the mark.
        await Deliver(hook, Contact("ContactDelete", 4));
        var deleted = await Admin.GetJson($"/api/leads/{lead.Id()}");
        deleted["crmDeletedAt"].Should().NotBeNull();
        var recreate = Contact("ContactCreate", 5);
        recreate["firstName"] = "Ada";
        await Deliver(hook, recreate);
        var back = await Admin.GetJson($"/api/leads/{lead.Id()}");
        back["crmDeletedAt"].Should().BeNull();
        back["tags"]!.AsArray().Should().HaveCount(2, "a create without tags keeps them");

        // An update older than what the lead reflects is ignored.
        var stale = Contact("ContactUpdate", 0);
        stale["companyName"] = "Stale Inc";
        await Deliver(hook, stale);
        (await Admin.GetJson($"/api/leads/{lead.Id()}")).Str("company").Should().Be("Engines");
        (await LeadsOf(hook.Tenant)).Should().ContainSingle("every event was about the same contact");
    }

    [Test]
    public async Task Messages_both_ways_land_in_the_log_with_the_direction_of_their_event_type()
    {
        var hook = await Hook();
        await Deliver(hook, JsonNode.Parse($$"""{"type":"ContactCreate","id":"c-talk","firstName":"Tom"}""")!.AsObject());
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "ghl-webhook-examples");
        foreach (var (file, type) in new[] { ("InboundMessage.SMS.json", "InboundMessage"), ("OutboundMessage.SMS.json", "OutboundMessage"),
            ("OutboundMessage.SMS.json", "ProviderOutboundMessage") })
        {
            var body = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, file)))!.AsObject();
            body["type"] = type;
            body["contactId"] = "c-talk";
            body["messageId"] = "m-" + type;
            await Deliver(hook, body);
        }

        await Deliver(hook, JsonNode.Parse("""
            {"type":"OutboundMessage","contactId":"c-talk","messageId":"m-call","messageType":"CALL","callDuration":42,"callStatus":"completed","status":"completed"}
            """)!.AsObject());

        var lead = (await LeadsOf(hook.Tenant)).Single()!;
        var log = (await hook.Tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages")).AsArray();
        log.Where(m => m!.Str("channel") == "sms").Select(m => m!.Str("direction")).Should().BeEquivalentTo(["inbound", "outbound", "outbound"],
            "the SMS example says inbound on an OutboundMessage; the type decides");
        var call = log.Single(m => m!.Str("channel") == "call")!;
        call["callDurationSeconds"]!.GetValue<int>().Should().Be(42);
        call.Str("status").Should().Be("completed");
        call["sentAt"].Should().NotBeNull();

        var summary = await Admin.GetJson("/api/admin/webhook-events/summary");
        summary["byType"]!["InboundMessage"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        summary["byStatus"]!["processed"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(4);
    }

    [Test]
    public async Task A_message_event_kept_for_a_location_not_set_up_yet_is_replayed_into_its_leads_log_after_the_contact_appears()
    {
        var location = "loc-msg-later-" + Guid.NewGuid().ToString("N")[..6];
        var message = await Send(Sender.Ed25519(WebhookSender.OutboundMessage(location, "c-msg-later", "m-later")), HttpStatusCode.Accepted);
        var eventId = message["eventId"]!.GetValue<int>();
        (await Admin.GetJson($"/api/admin/webhook-events/{eventId}"))["event"]!.Str("status").Should().Be("unmatched");

        var tenant = await App.CreateTenant("Message later");
        await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL", config = new { apiKey = "k", locationId = location },
        })).Json(HttpStatusCode.Created);
        var contact = await Send(Sender.Ed25519(WebhookSender.ContactCreate(location, "c-msg-later")), HttpStatusCode.Accepted);
        await EventInStatus(contact["eventId"]!.GetValue<int>(), "processed");

        await (await Admin.PostAsync($"/api/admin/webhook-events/{eventId}/replay", null)).Json(HttpStatusCode.Accepted);
        await EventInStatus(eventId, "processed");
        var lead = (await LeadsOf(tenant)).Single()!;
        var logged = (await tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages")).AsArray().Should().ContainSingle().Subject!;
        logged["leadId"]!.GetValue<int>().Should().Be(lead.Id());
        logged.Str("channel").Should().Be("email");
    }

    [Test]
    public async Task Unknown_event_types_are_stored_as_unhandled()
    {
        var hook = await Hook();
        var body = $$"""{"type":"AppointmentCreate","locationId":"{{hook.LocationId}}","appointment":{"id":"a1"},"webhookId":"{{Guid.NewGuid()}}"}""";
        var accepted = await Send(WebhookSender.Hmac(body, hook.Secret), HttpStatusCode.Accepted);
        var details = await EventInStatus(accepted["eventId"]!.GetValue<int>(), "unhandled");
        details["event"]!.Str("eventType").Should().Be("AppointmentCreate");
    }

    [Test]
    public async Task The_seed_envelope_and_the_default_workflow_payload_are_understood()
    {
        var hook = await Hook();
        var envelope = $$$"""{"type":"contact.created","source":"gohighlevel","payload":{"locationId":"{{{hook.LocationId}}}","id":"c-env","firstName":"Env","lastName":"Elope","email":"env@example.com","country":"GB"}}""";
        var workflow = $$$"""{"contact_id":"c-wf","first_name":"Work","last_name":"Flow","email":"wf@example.com","phone":"+61 2 9374 4000","tags":"a, b","location":{"id":"{{{hook.LocationId}}}","name":"Clinic"}}""";
        await Send(WebhookSender.Hmac(envelope, hook.Secret), HttpStatusCode.Accepted);
        await Send(WebhookSender.Token(workflow, hook.Secret), HttpStatusCode.Accepted);

        var leads = await Poll.Eventually(async () => (await LeadsOf(hook.Tenant)) is { Count: 2 } all ? all : null, "two leads");
        var env = leads.Single(l => l!.Str("externalContactId") == "c-env")!;
        env.Str("name").Should().Be("Env Elope");
        env.Str("timezone").Should().Be("Europe/London");
        var wf = leads.Single(l => l!.Str("externalContactId") == "c-wf")!;
        wf.Str("name").Should().Be("Work Flow");
        wf.Str("timezone").Should().Be("Australia/Sydney", "the phone number is the only signal");
        wf["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("a", "b");
    }

    [Test]
    public async Task Events_for_an_unknown_location_signed_by_gohighlevel_are_kept_and_replayed_once_it_exists()
    {
        var location = "loc-later-" + Guid.NewGuid().ToString("N")[..6];
        var accepted = await Send(Sender.Ed25519(WebhookSender.ContactCreate(location, "c-later")), HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();
        (await Admin.GetJson($"/api/admin/webhook-events/{eventId}"))["event"]!.Str("status").Should().Be("unmatched");

        // An HMAC signature cannot be checked without the integration's secret: refused, not stored.
        await (await App.Anonymous().SendAsync(WebhookSender.Hmac(WebhookSender.ContactCreate(location, "c-later-2"), "whsec_x")))
            .ProblemAsync(HttpStatusCode.Unauthorized);

        var tenant = await App.CreateTenant("Later");
        await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "GHL", config = new { apiKey = "k", locationId = location },
        })).Json(HttpStatusCode.Created);
        (await (await Admin.PostAsync($"/api/admin/webhook-events/{eventId}/replay", null)).Json(HttpStatusCode.Accepted))
            .Str("status").Should().Be("received");
        await EventInStatus(eventId, "processed");
        (await LeadsOf(tenant)).Single()!.Str("externalContactId").Should().Be("c-later");
    }

    [Test]
    public async Task A_failing_event_is_retried_on_a_schedule_and_replay_after_the_fix_processes_it_once()
    {
        var hook = await Hook(withUser: false);
        var accepted = await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-retry"), hook.Secret), HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();

        var failed = await EventInStatus(eventId, "retryScheduled");
        failed["event"]!.Str("lastError").Should().Contain("no user");
        failed["event"]!["nextAttemptAt"]!.GetValue<DateTime>().Should().BeCloseTo(DateTime.UtcNow.AddSeconds(5), TimeSpan.FromSeconds(4));
        failed["attempts"]!.AsArray().Should().ContainSingle().Which!["succeeded"]!.GetValue<bool>().Should().BeFalse();

        var user = await (await Admin.PostJson($"/api/admin/sub-accounts/{hook.Tenant.SubAccountId}/users", new { email = $"late.{eventId}@example.com", name = "Late" }))
            .Json(HttpStatusCode.Created);
        await (await Admin.PostAsync($"/api/admin/webhook-events/{eventId}/replay", null)).Json(HttpStatusCode.Accepted);
        var processed = await EventInStatus(eventId, "processed");
        processed["attempts"]!.AsArray().Last()!["succeeded"]!.GetValue<bool>().Should().BeTrue();

        var lead = (await LeadsOf(hook.Tenant)).Should().ContainSingle().Subject!;
        lead["regularUserId"]!.GetValue<int>().Should().Be(user.Id());
        lead["strategyId"].Should().BeNull("the user has no strategy yet");

        // The scheduled retry (Hangfire, ~5 s) finds it processed and changes nothing; so does another replay.
        var updatedAt = lead.Str("updatedAt");
        await (await Admin.PostAsync($"/api/admin/webhook-events/{eventId}/replay", null)).Json(HttpStatusCode.Accepted);
        await EventInStatus(eventId, "processed");
        await App.SucceededAsync<IntegrationHub.Infrastructure.Jobs.WebhookJobs>(nameof(IntegrationHub.Infrastructure.Jobs.WebhookJobs.RetryAsync), eventId);
        var after = (await LeadsOf(hook.Tenant)).Should().ContainSingle().Subject!;
        after.Str("updatedAt").Should().Be(updatedAt);
    }

    [Test]
    public async Task A_failing_event_in_a_burst_holds_up_no_other_and_nothing_is_processed_twice()
    {
        var good = await Hook();
        var bad = await Hook(withUser: false);
        // Sent together, so that processing takes them in shared batches (committed a few events at a time).
        var sends = Enumerable.Range(0, 40).Select(i => i % 10 == 5
            ? Send(WebhookSender.Hmac(WebhookSender.ContactCreate(bad.LocationId, $"c-bad-{i}"), bad.Secret), HttpStatusCode.Accepted)
            : Send(WebhookSender.Hmac(WebhookSender.ContactCreate(good.LocationId, $"c-good-{i}"), good.Secret), HttpStatusCode.Accepted));
        var accepted = await Task.WhenAll(sends);
        accepted.Should().HaveCount(40);

        await Poll.Eventually(async () => (await LeadsOf(good.Tenant)) is { Count: 36 } all ? all : null, "36 leads for the good sub-account");
        var goodEvents = (await Admin.GetJson($"/api/admin/webhook-events?locationId={good.LocationId}")).AsArray();
        goodEvents.Should().HaveCount(36).And.AllSatisfy(e =>
        {
            e!.Str("status").Should().Be("processed");
            e!["attemptCount"]!.GetValue<int>().Should().Be(1, "an event committed in an earlier part of a batch is not processed again");
        });

        var badEvents = await Poll.Eventually(async () =>
            (await Admin.GetJson($"/api/admin/webhook-events?locationId={bad.LocationId}")).AsArray() is var all
            && all.All(e => e!.Str("status") == "retryScheduled") ? all : null, "the failing events to wait for a retry");
        badEvents.Should().HaveCount(4).And.AllSatisfy(e => e!["attemptCount"]!.GetValue<int>().Should().Be(1));
        (await LeadsOf(bad.Tenant)).Should().BeEmpty();
    }

    [Test]
    public async Task A_failed_event_is_retried_by_the_scheduled_job_without_anyone_replaying_it()
    {
        var hook = await Hook(withUser: false);
        var accepted = await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-auto-retry"), hook.Secret), HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();
        await EventInStatus(eventId, "retryScheduled");

        // Fix the cause; the retry scheduled ~5 s after the failure (a Hangfire delayed job) does the rest.
        await (await Admin.PostJson($"/api/admin/sub-accounts/{hook.Tenant.SubAccountId}/users", new { email = $"auto.{eventId}@example.com", name = "Auto" }))
            .Json(HttpStatusCode.Created);
        var processed = await EventInStatus(eventId, "processed");
        processed["attempts"]!.AsArray().Should().HaveCount(2);
        (await LeadsOf(hook.Tenant)).Should().ContainSingle().Which!.Str("externalContactId").Should().Be("c-auto-retry");
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

    [Test]
    public async Task An_events_body_is_shown_as_the_text_received_not_encoded_again()
    {
        var hook = await Hook();
        // What re-encoding used to change: "+" (became \u002B), "<" and non-ASCII (escaped), spacing and a \u escape of the sender's.
        var body = $$"""{ "type" : "ContactCreate", "locationId":"{{hook.LocationId}}", "id":"c-raw",  "phone":"+919876543210", "firstName":"Zoë <Z>", "lastName":"\u0041da" }""";
        var accepted = await Send(WebhookSender.Hmac(body, hook.Secret), HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();

        var details = await Admin.GetJson($"/api/admin/webhook-events/{eventId}");

        details.Str("body").Should().Be(body);
    }

    [Test]
    public async Task The_inbox_is_listed_filtered_and_shown_to_admins_only()
    {
        var hook = await Hook();
        var accepted = await Send(WebhookSender.Hmac(WebhookSender.ContactCreate(hook.LocationId, "c-inbox"), hook.Secret), HttpStatusCode.Accepted);
        var eventId = accepted["eventId"]!.GetValue<int>();
        await EventInStatus(eventId, "processed");

        (await Admin.GetJson($"/api/admin/webhook-events?locationId={hook.LocationId}&type=ContactCreate&status=processed")).AsArray()
            .Select(e => e!.Id()).Should().Equal(eventId);
        (await Admin.GetJson($"/api/admin/webhook-events?locationId={hook.LocationId}&status=failed")).AsArray().Should().BeEmpty();
        await (await Admin.GetAsync("/api/admin/webhook-events?status=bogus")).ProblemAsync(HttpStatusCode.BadRequest);
        var details = await Admin.GetJson($"/api/admin/webhook-events/{eventId}");
        JsonNode.Parse(details.Str("body"))!.Str("id").Should().Be("c-inbox");
        details["attempts"]!.AsArray().Should().ContainSingle();
        await (await Admin.GetAsync("/api/admin/webhook-events/987654")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostAsync("/api/admin/webhook-events/987654/replay", null)).ProblemAsync(HttpStatusCode.NotFound);

        (await hook.Tenant.Client.GetAsync("/api/admin/webhook-events")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await App.Anonymous().GetAsync($"/api/admin/webhook-events/{eventId}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await hook.Tenant.Client.PostAsync($"/api/admin/webhook-events/{eventId}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
