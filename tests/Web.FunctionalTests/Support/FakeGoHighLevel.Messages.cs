using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WireMock;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// <c>POST /conversations/messages</c> as GoHighLevel's conversations.json declares it (<c>SendMessageBodyDto</c>,
/// <c>Version: 2021-04-15</c>): addressed by <c>contactId</c>, <c>type</c> one of GoHighLevel's channel words; an e-mail
/// needs a subject; the answer is <c>{conversationId, messageId, emailMessageId?, msg}</c>. Each sent message is kept, and
/// its OutboundMessage webhook (the echo GoHighLevel sends to the app) can be built from it.
/// </summary>
public sealed partial class FakeGoHighLevel
{
    private static readonly HashSet<string> MessageTypes = ["SMS", "Email", "WhatsApp", "GMB", "IG", "FB", "Custom", "Live_Chat"];

    private readonly ConcurrentDictionary<string, JsonObject> _sentMessages = new();

    /// <summary>Messages GoHighLevel accepted, by messageId.</summary>
    public IReadOnlyDictionary<string, JsonObject> SentMessages => _sentMessages;

    /// <summary>When set, a send is carried out but its answer held back this long (the echo can then come first).</summary>
    public TimeSpan? HoldSendAnswer { get; set; }

    private async Task<ResponseMessage> SendMessageAsync(string? body, (string, string)[] headers)
    {
        var sent = JsonNode.Parse(body ?? "{}") as JsonObject ?? [];
        var type = sent["type"]?.GetValue<string>();
        var contactId = sent["contactId"]?.GetValue<string>();
        if (type is null || !MessageTypes.Contains(type))
        {
            return Json(422, """{"statusCode":422,"message":["type must be one of the following values: SMS, Email, WhatsApp, GMB, IG, FB, Custom, Live_Chat"],"error":"Unprocessable Entity","traceId":"trace-422-msg"}""");
        }

        if (contactId is null || !_contacts.ContainsKey(contactId))
        {
            return Json(400, """{"statusCode":400,"message":"Contact not found","traceId":"trace-msg-contact"}""");
        }

        if (type == "Email" && string.IsNullOrEmpty(sent["subject"]?.GetValue<string>()))
        {
            return Json(400, """{"statusCode":400,"message":"Subject is required for email","traceId":"trace-msg-subject"}""");
        }

        var messageId = "msg-" + Guid.NewGuid().ToString("N")[..12];
        var answer = new JsonObject
        {
            ["conversationId"] = "conv-" + contactId,
            ["messageId"] = messageId,
            ["msg"] = "Message queued successfully.",
        };
        if (type == "Email")
        {
            answer["emailMessageId"] = "em-" + Guid.NewGuid().ToString("N")[..12];
        }

        var stored = sent.DeepClone().AsObject();
        stored["messageId"] = messageId;
        stored["conversationId"] = answer["conversationId"]!.DeepClone();
        stored["emailMessageId"] = answer["emailMessageId"]?.DeepClone();
        _sentMessages[messageId] = stored;
        if (HoldSendAnswer is { } hold)
        {
            await Stall(hold);
        }

        return Json(200, answer.ToJsonString(), headers);
    }

    /// <summary>
    /// The OutboundMessage webhook GoHighLevel sends for a message sent through the API (flat, like its published
    /// OutboundMessage examples): same <c>messageId</c> (and e-mail's <c>emailMessageId</c>), <c>source: "api"</c>.
    /// </summary>
    public JsonObject OutboundMessageEvent(string messageId, string locationId, string status = "delivered", bool withMessageId = true)
    {
        var sent = _sentMessages[messageId];
        var type = sent["type"]!.GetValue<string>();
        var echo = new JsonObject
        {
            ["type"] = "OutboundMessage",
            ["locationId"] = locationId,
            ["attachments"] = new JsonArray(),
            ["body"] = type == "Email" ? sent["html"]?.DeepClone() ?? sent["message"]?.DeepClone() : sent["message"]?.DeepClone(),
            ["contactId"] = sent["contactId"]!.DeepClone(),
            ["contentType"] = type == "Email" ? "text/html" : "text/plain",
            ["conversationId"] = sent["conversationId"]!.DeepClone(),
            ["dateAdded"] = DateTimeOffset.UtcNow.ToString("O"),
            ["direction"] = "outbound",
            ["messageType"] = type,
            ["source"] = "api",
            ["status"] = status,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["webhookId"] = Guid.NewGuid().ToString(),
        };
        if (withMessageId)
        {
            echo["messageId"] = messageId;
        }

        if (type == "Email")
        {
            echo["emailMessageId"] = sent["emailMessageId"]!.DeepClone();
            echo["subject"] = sent["subject"]!.DeepClone();
            echo["threadId"] = sent["emailMessageId"]!.DeepClone();
        }

        return echo;
    }
}
