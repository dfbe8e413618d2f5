using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Application.Webhooks;

/// <summary>What a webhook body says about itself: its normalised type, sender, location, delivery id and time.</summary>
public record WebhookHeader(string Type, string Source, string? LocationId, string? DeliveryId, DateTimeOffset? Timestamp);

/// <summary>A webhook body understood: its header and the flat GoHighLevel-shaped payload.</summary>
public sealed record ParsedWebhook(string Type, string Source, string? LocationId, string? DeliveryId, DateTimeOffset? Timestamp, JsonObject Payload)
    : WebhookHeader(Type, Source, LocationId, DeliveryId, Timestamp);

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
public static partial class WebhookParser
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

    public const string AppointmentCreate = "AppointmentCreate";
    public const string AppointmentUpdate = "AppointmentUpdate";
    public const string AppointmentDelete = "AppointmentDelete";
    public static readonly IReadOnlySet<string> AppointmentTypes = new HashSet<string> { AppointmentCreate, AppointmentUpdate, AppointmentDelete };

    /// <summary>The type recorded for a body that names none (kept and listed as unhandled).</summary>
    public const string UnknownType = "Unknown";

    private const int MaxTypeLength = 200;
    private const int MaxMessageIdLength = 128;

    /// <summary>
    /// The header only, for the accept path: the body is checked in full (UTF-8, JSON, depth, no repeated property
    /// names), but no payload nodes are built and the parsed document's buffers go back to their pool.
    /// </summary>
    public static WebhookHeader ReadHeader(ReadOnlyMemory<byte> body)
    {
        using var document = Document(body);
        return HeaderOf(document.RootElement);
    }

    /// <summary>The header and the payload, for processing. The payload reads from <paramref name="body"/>: keep it unchanged.</summary>
    public static ParsedWebhook Parse(ReadOnlyMemory<byte> body)
    {
        // Not disposed: the payload's nodes read from the document.
        var root = Document(body).RootElement;
        var header = HeaderOf(root);
        var payload = Shape(root) switch
        {
            BodyShape.Envelope => JsonObject.Create(root.GetProperty("payload"))!,
            BodyShape.Workflow => FlattenWorkflow(root, header.LocationId!),
            _ => JsonObject.Create(root)!,
        };
        return new ParsedWebhook(header.Type, header.Source, header.LocationId, header.DeliveryId, header.Timestamp, payload);
    }

    /// <summary>
    /// Why processing cannot use an event it understood the type of, or null when it can. Such an event is still
    /// stored (and shown as failed with this reason, replayable), never refused.
    /// </summary>
    public static string? Unusable(ParsedWebhook webhook) => webhook.Type switch
    {
        var t when ContactTypes.Contains(t) && webhook.Payload.Text("id") is null => "A contact event needs the contact id (id) as a string.",
        var t when MessageTypes.Contains(t) && webhook.Payload.Text("contactId") is null => "A message event needs the contact id (contactId) as a string.",
        var t when AppointmentTypes.Contains(t) && (webhook.Payload["appointment"] as JsonObject)?.Text("id") is null =>
            "An appointment event needs the appointment with its id (appointment.id) as a string.",
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
    public static string DeliveryIdOf(WebhookHeader webhook, string? headerId, ReadOnlySpan<byte> body) =>
        headerId is { Length: > 0 and <= 200 } ? "hdr:" + headerId
        : webhook.DeliveryId is { Length: > 0 and <= 200 } id ? "ghl:" + id
        : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));

    private enum BodyShape { Native, Envelope, Workflow }

    private static JsonDocument Document(ReadOnlyMemory<byte> body)
    {
        // The reader checks UTF-8 only where it decodes; the stored body must be exactly what was signed.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            throw new WebhookFormatException("The body is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            // Repeated names are refused here: a JSON object with two "type"s has no single meaning.
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            throw new WebhookFormatException("The body is not valid JSON (or repeats a property name within an object).");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new WebhookFormatException("The body must be a JSON object.");
        }

        return document;
    }

    /// <summary>
    /// The seed envelope has an object <c>payload</c> beside a <c>type</c>; a workflow's body has <c>contact_id</c> and
    /// no type; anything else is read as a native event.
    /// </summary>
    private static BodyShape Shape(JsonElement root) =>
        Property(root, "payload") is { ValueKind: JsonValueKind.Object } && IsValue(Property(root, "type"))
            ? BodyShape.Envelope
            : Property(root, "type") is null && Property(root, "contact_id") is not null ? BodyShape.Workflow : BodyShape.Native;

    private static WebhookHeader HeaderOf(JsonElement root)
    {
        switch (Shape(root))
        {
            case BodyShape.Envelope:
                var payload = root.GetProperty("payload");
                var type = TypeOf(root) switch
                {
                    "contact.created" => ContactCreate,
                    "outbound.message" => OutboundMessage,
                    var other => other,
                };
                var location = OptionalString(payload, "locationId") ?? OptionalString(root, "locationId")
                    ?? throw new WebhookFormatException("locationId is required (in payload).");
                return new WebhookHeader(type, OptionalString(root, "source") ?? "gohighlevel", location,
                    OptionalString(root, "webhookId") ?? OptionalString(payload, "webhookId"), Timestamp(root) ?? Timestamp(payload));
            case BodyShape.Workflow:
                var workflowLocation = (Property(root, "location") is { ValueKind: JsonValueKind.Object } l
                        ? OptionalString(l, "id")
                        : OptionalString(root, "location_id"))
                    ?? throw new WebhookFormatException("locationId is required (location.id).");
                return new WebhookHeader(ContactCreate, "gohighlevel-workflow", workflowLocation, null, null);
            default:
                var nativeType = TypeOf(root) switch
                {
                    "INSTALL" => AppInstall,
                    "UNINSTALL" => AppUninstall,
                    var other => other,
                };
                return new WebhookHeader(nativeType, "gohighlevel", NativeLocation(root, nativeType), OptionalString(root, "webhookId"), Timestamp(root));
        }
    }

    /// <summary>A workflow's default body: snake_case contact fields and <c>location.id</c>, as a native contact payload.</summary>
    private static JsonObject FlattenWorkflow(JsonElement root, string location)
    {
        var flat = new JsonObject { ["type"] = ContactCreate, ["locationId"] = location };
        foreach (var (from, to) in new[]
        {
            ("contact_id", "id"), ("first_name", "firstName"), ("last_name", "lastName"), ("full_name", "name"), ("email", "email"),
            ("phone", "phone"), ("address1", "address1"), ("city", "city"), ("state", "state"), ("postal_code", "postalCode"),
            ("country", "country"), ("company_name", "companyName"), ("contact_source", "source"), ("timezone", "timezone"),
        })
        {
            if (Property(root, from) is { } value && IsValue(value))
            {
                flat[to] = JsonValue.Create(value);
            }
        }

        if (Property(root, "tags") is { ValueKind: JsonValueKind.String } tags)
        {
            flat["tags"] = new JsonArray(tags.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => (JsonNode)t).ToArray());
        }

        return flat;
    }

    /// <summary>A property that is present and not JSON null, or null.</summary>
    private static JsonElement? Property(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string, number or boolean (not an object, array or null).</summary>
    private static bool IsValue(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False };

    /// <summary>The event's type; a body without one is still an event (recorded as unhandled).</summary>
    private static string TypeOf(JsonElement obj) =>
        OptionalString(obj, "type") is { } type ? type.Length <= MaxTypeLength ? type : type[..MaxTypeLength] : UnknownType;

    private static string RequiredString(JsonElement obj, string name) =>
        Property(obj, name) switch
        {
            null => throw new WebhookFormatException($"{name} is required."),
            { ValueKind: JsonValueKind.String } v when v.GetString() is { Length: > 0 and <= 200 } s => s,
            _ => throw new WebhookFormatException($"{name} must be a non-empty string."),
        };

    private static string? OptionalString(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.String } v && v.GetString() is { } s && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static DateTimeOffset? Timestamp(JsonElement obj) =>
        OptionalString(obj, "timestamp") is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    internal static string? OptionalString(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}

internal static class JsonNodeText
{
    /// <summary>A non-blank string property of a payload, or null.</summary>
    public static string? Text(this JsonObject obj, string name) => WebhookParser.OptionalString(obj, name);
}
