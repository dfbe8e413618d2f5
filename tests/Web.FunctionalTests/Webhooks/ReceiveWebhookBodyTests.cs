using System.Net;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

/// <summary>
/// <c>POST /api/webhook</c> (ReceiveWebhook), its body: what is not a JSON object with a location is a 400, an authentic
/// event is stored whatever else it holds (unknown types as unhandled), and a body over the limit is a 413.
/// </summary>
[TestFixture]
public sealed class ReceiveWebhookBodyTests : WebhookFixture
{
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
    public async Task Unknown_event_types_are_stored_as_unhandled()
    {
        var hook = await Hook();
        var body = $$"""{"type":"OpportunityCreate","locationId":"{{hook.LocationId}}","id":"o1","webhookId":"{{Guid.NewGuid()}}"}""";
        var accepted = await Send(WebhookSender.Hmac(body, hook.Secret), HttpStatusCode.Accepted);
        var details = await EventInStatus(accepted["eventId"]!.GetValue<int>(), "unhandled");
        details["event"]!.Str("eventType").Should().Be("OpportunityCreate");
    }
}
