using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Application.Webhooks;

/// <summary>A webhook body understood: its normalised type, where it belongs, and the flat GoHighLevel-shaped payload.</summary>
public sealed record ParsedWebhook(string Type, string Source, string LocationId, string? DeliveryId, DateTimeOffset? Timestamp, JsonObject Payload);

/// <summary>
/// The body cannot be stored at all (not UTF-8 JSON, not an object, no location to route it by); the message says
/// why without echoing content. Anything else is stored: GoHighLevel never resends a refused event.
/// </summary>
public sealed class WebhookFormatException(string message) : Exception(message);

/// <summary>
/// Reads the three shapes GoHighLevel traffic arrives in: the seed envelope (<c>{type: "contact.created",
/// source, payload}</c>), GoHighLevel's native flat events (<c>{type: "ContactCreate", locationId, ...}</c>),
/// and a workflow's default payload (<c>contact_id</c>, <c>first_name</c>, ... with <c>location.id</c>).
/// </summary>
public static class WebhookParser
{
    public const string ContactCreate = "ContactCreate";
    public const string ContactUpdate = "ContactUpdate";
    public const string ContactTagUpdate = "ContactTagUpdate";
    public const string ContactDelete = "ContactDelete";
    public const string OutboundMessage = "OutboundMessage";
    public const string InboundMessage = "InboundMessage";
    public const string ProviderOutboundMessage = "ProviderOutboundMessage";

    public static readonly IReadOnlySet<string> ContactTypes = new HashSet<string> { ContactCreate, ContactUpdate, ContactTagUpdate, ContactDelete };
    public static readonly IReadOnlySet<string> MessageTypes = new HashSet<string> { InboundMessage, OutboundMessage, ProviderOutboundMessage };

    /// <summary>The type recorded for a body that names none (kept and listed as unhandled).</summary>
    public const string UnknownType = "Unknown";

    private const int MaxTypeLength = 200;
    private const int MaxMessageIdLength = 128;

    public static ParsedWebhook Parse(ReadOnlySpan<byte> body)
    {
        // The reader checks UTF-8 only where it decodes; the stored body must be exactly what was signed.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            throw new WebhookFormatException("The body is not valid UTF-8.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            throw new WebhookFormatException("The body is not valid JSON.");
        }

        if (root is not JsonObject obj)
        {
            throw new WebhookFormatException("The body must be a JSON object.");
        }

        var parsed = obj["payload"] is JsonObject payload && obj["type"] is JsonValue
            ? FromEnvelope(obj, payload)
            : obj["type"] is null && obj["contact_id"] is not null
                ? FromWorkflow(obj)
                : FromNative(obj);
        return parsed;
    }

    /// <summary>
    /// Why processing cannot use an event it understood the type of, or null when it can. Such an event is still
    /// stored (and shown as failed with this reason, replayable), never refused.
    /// </summary>
    public static string? Unusable(ParsedWebhook webhook) => webhook.Type switch
    {
        var t when ContactTypes.Contains(t) && webhook.Payload.Text("id") is null => "A contact event needs the contact id (id) as a string.",
        var t when MessageTypes.Contains(t) && webhook.Payload.Text("contactId") is null => "A message event needs the contact id (contactId) as a string.",
        _ => null,
    };

    /// <summary>
    /// A message's identity: GoHighLevel's <c>messageId</c> (call messages only, in its examples), else the email's
    /// <c>emailMessageId</c>, else the delivery itself.
    /// </summary>
    public static string MessageIdentity(ParsedWebhook webhook, string deliveryId)
    {
        var identity = webhook.Payload.Text("messageId")
            ?? (webhook.Payload.Text("emailMessageId") is { } email ? "email:" + email : "delivery:" + deliveryId);
        return identity.Length <= MaxMessageIdLength ? identity : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }

    /// <summary>The delivery id for duplicate detection: the sender's, else a hash of the exact body.</summary>
    public static string DeliveryIdOf(ParsedWebhook webhook, string? headerId, ReadOnlySpan<byte> body) =>
        headerId is { Length: > 0 and <= 200 } ? "hdr:" + headerId
        : webhook.DeliveryId is { Length: > 0 and <= 200 } id ? "ghl:" + id
        : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));

    private static ParsedWebhook FromEnvelope(JsonObject envelope, JsonObject payload)
    {
        var type = TypeOf(envelope);
        var normalised = type switch
        {
            "contact.created" => ContactCreate,
            "outbound.message" => OutboundMessage,
            _ => type,
        };
        var location = OptionalString(payload, "locationId") ?? OptionalString(envelope, "locationId")
            ?? throw new WebhookFormatException("locationId is required (in payload).");
        return new ParsedWebhook(normalised, OptionalString(envelope, "source") ?? "gohighlevel", location,
            OptionalString(envelope, "webhookId") ?? OptionalString(payload, "webhookId"), Timestamp(envelope) ?? Timestamp(payload), payload);
    }

    private static ParsedWebhook FromNative(JsonObject obj)
    {
        var type = TypeOf(obj);
        var location = RequiredString(obj, "locationId");
        return new ParsedWebhook(type, "gohighlevel", location, OptionalString(obj, "webhookId"), Timestamp(obj), obj);
    }

    /// <summary>A workflow's default body: snake_case contact fields and <c>location.id</c>.</summary>
    private static ParsedWebhook FromWorkflow(JsonObject obj)
    {
        var location = obj["location"] is JsonObject l ? OptionalString(l, "id") : OptionalString(obj, "location_id");
        if (location is null)
        {
            throw new WebhookFormatException("locationId is required (location.id).");
        }

        var flat = new JsonObject { ["type"] = ContactCreate, ["locationId"] = location };
        foreach (var (from, to) in new[]
        {
            ("contact_id", "id"), ("first_name", "firstName"), ("last_name", "lastName"), ("full_name", "name"), ("email", "email"),
            ("phone", "phone"), ("address1", "address1"), ("city", "city"), ("state", "state"), ("postal_code", "postalCode"),
            ("country", "country"), ("company_name", "companyName"), ("contact_source", "source"), ("timezone", "timezone"),
        })
        {
            if (obj[from] is JsonValue value)
            {
                flat[to] = value.DeepClone();
            }
        }

        if (obj["tags"] is JsonValue tags && tags.TryGetValue<string>(out var csv))
        {
            flat["tags"] = new JsonArray(csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => (JsonNode)t).ToArray());
        }

        return new ParsedWebhook(ContactCreate, "gohighlevel-workflow", location, null, null, flat);
    }

    /// <summary>The event's type; a body without one is still an event (recorded as unhandled).</summary>
    private static string TypeOf(JsonObject obj) =>
        OptionalString(obj, "type") is { } type ? type.Length <= MaxTypeLength ? type : type[..MaxTypeLength] : UnknownType;

    private static string RequiredString(JsonObject obj, string name) =>
        obj[name] switch
        {
            null => throw new WebhookFormatException($"{name} is required."),
            JsonValue v when v.TryGetValue<string>(out var s) && s.Length is > 0 and <= 200 => s,
            _ => throw new WebhookFormatException($"{name} must be a non-empty string."),
        };

    internal static string? OptionalString(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static DateTimeOffset? Timestamp(JsonObject obj) =>
        OptionalString(obj, "timestamp") is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}

internal static class JsonNodeText
{
    /// <summary>A non-blank string property of a payload, or null.</summary>
    public static string? Text(this JsonObject obj, string name) => WebhookParser.OptionalString(obj, name);
}
