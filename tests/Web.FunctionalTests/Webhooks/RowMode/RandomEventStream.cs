using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Web.FunctionalTests.Webhooks.RowMode;

/// <summary>One delivery of a generated stream: its delivery id, GoHighLevel event type and body.</summary>
public sealed record StreamEvent(string DeliveryId, string Type, string Body);

/// <summary>
/// A reproducible random stream of GoHighLevel webhook events about a few dozen contacts, shaped as GoHighLevel's own
/// examples are: creates, partial updates, updates older than what a lead already holds, tag updates, deletes and
/// re-creates, messages (also before their contact exists, and the same message twice), redeliveries of an earlier event
/// under a new delivery id, an event without its contact id, and a type the hub does not act on.
/// </summary>
public static class RandomEventStream
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Linus", "Émile", "O'Brien", "Robert'); DROP TABLE Leads;--", "Zoë"];
    private static readonly string[] Countries = ["US", "DE", "BR", "JP", "AU"];
    private static readonly string[] States = ["TX", "CA", "NY", "BY", "SP"];
    private static readonly string[] Tags = ["vip", "new", "Webinar", "lost", "follow-up"];

    public static IReadOnlyList<StreamEvent> Generate(int seed, string locationId, int contacts, int count)
    {
        var random = new Random(seed);
        var start = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
        var events = new List<StreamEvent>(count);
        var messageIds = new List<string>();
        for (var step = 0; step < count; step++)
        {
            var contact = $"contact-{random.Next(contacts):D3}";
            var at = start.AddSeconds(step * 10);
            var roll = random.Next(100);
            var (type, body) = roll switch
            {
                < 22 => ("ContactCreate", Contact("ContactCreate", locationId, contact, at, random, full: true)),
                < 44 => ("ContactUpdate", Contact("ContactUpdate", locationId, contact, at, random, full: false)),
                < 50 => ("ContactUpdate", Contact("ContactUpdate", locationId, contact, at.AddHours(-random.Next(1, 48)), random, full: false)),
                < 58 => ("ContactTagUpdate", TagUpdate(locationId, contact, at, random)),
                < 63 => ("ContactDelete", Base("ContactDelete", locationId, at).With("id", contact).ToJsonString()),
                < 83 => Message(locationId, contact, at, random, messageIds),
                < 93 when events.Count > 0 => Again(events, random),
                < 96 => ("ContactUpdate", Base("ContactUpdate", locationId, at).With("firstName", "No id").ToJsonString()),
                _ => ("ContactDndUpdate", Base("ContactDndUpdate", locationId, at).With("id", contact).With("dnd", true).ToJsonString()),
            };
            events.Add(new StreamEvent($"delivery-{seed}-{step}", type, body));
        }

        return events;
    }

    /// <summary>An earlier event delivered again under a new delivery id (GoHighLevel retries, or sends twice).</summary>
    private static (string Type, string Body) Again(List<StreamEvent> events, Random random)
    {
        var again = events[random.Next(events.Count)];
        return (again.Type, again.Body);
    }

    private static JsonObject Base(string type, string locationId, DateTime at) => new()
    {
        ["type"] = type,
        ["locationId"] = locationId,
        ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture),
    };

    private static JsonObject With(this JsonObject body, string name, JsonNode? value)
    {
        body[name] = value;
        return body;
    }

    private static string Contact(string type, string locationId, string contact, DateTime at, Random random, bool full)
    {
        var body = Base(type, locationId, at).With("id", contact).With("dateUpdated", at.ToString("O", CultureInfo.InvariantCulture));
        void Maybe(string name, Func<JsonNode?> value)
        {
            if (full || random.Next(3) == 0)
            {
                body[name] = value();
            }
        }

        Maybe("firstName", () => FirstNames[random.Next(FirstNames.Length)]);
        Maybe("lastName", () => $"Last{random.Next(50)}");
        Maybe("email", () => $"{contact}+{random.Next(9)}@example.test");
        Maybe("phone", () => $"+1512555{random.Next(1000, 9999)}");
        Maybe("country", () => Countries[random.Next(Countries.Length)]);
        Maybe("state", () => States[random.Next(States.Length)]);
        Maybe("postalCode", () => random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture));
        Maybe("companyName", () => $"Company {random.Next(20)}");
        Maybe("source", () => random.Next(2) == 0 ? "form" : "chat");
        if (random.Next(4) == 0)
        {
            body["timezone"] = random.Next(2) == 0 ? "Europe/Berlin" : "Not/AZone";
        }

        if (full || random.Next(4) == 0)
        {
            body["tags"] = TagList(random);
        }

        if (random.Next(5) == 0)
        {
            body["customFields"] = new JsonArray(new JsonObject { ["id"] = "cf-1", ["value"] = random.Next(100) },
                new JsonObject { ["id"] = "cf-2", ["value"] = new JsonArray("a", "b") });
        }

        return body.ToJsonString();
    }

    private static string TagUpdate(string locationId, string contact, DateTime at, Random random) =>
        Base("ContactTagUpdate", locationId, at).With("id", contact).With("dateUpdated", at.ToString("O", CultureInfo.InvariantCulture))
            .With("tags", TagList(random)).ToJsonString();

    private static JsonArray TagList(Random random) =>
        new([.. Enumerable.Range(0, random.Next(4)).Select(_ => (JsonNode?)JsonValue.Create(Tags[random.Next(Tags.Length)]))]);

    private static (string Type, string Body) Message(string locationId, string contact, DateTime at, Random random, List<string> messageIds)
    {
        var inbound = random.Next(2) == 0;
        var type = inbound ? "InboundMessage" : "OutboundMessage";
        // Now and then the same message again (another delivery of it).
        var messageId = messageIds.Count > 0 && random.Next(5) == 0 ? messageIds[random.Next(messageIds.Count)] : $"msg-{messageIds.Count}";
        messageIds.Add(messageId);
        var body = Base(type, locationId, at).With("contactId", contact).With("messageId", messageId)
            .With("conversationId", $"conv-{contact}").With("messageType", random.Next(3) == 0 ? "Email" : "SMS")
            .With("body", $"Hello {random.Next(1000)} <b>there</b>").With("direction", inbound ? "inbound" : "outbound")
            .With("status", "delivered").With("dateAdded", at.ToString("O", CultureInfo.InvariantCulture))
            .With("attachments", new JsonArray("https://example.test/a.png"));
        return (type, body.ToJsonString());
    }
}
