using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>GoHighLevel's flat contact fields as the hub's contact details; fields of the wrong type are skipped, not fatal.</summary>
public static class ContactPayload
{
    /// <summary>An event's contact: partial (absent fields keep the lead's), tags and custom fields only when sent.</summary>
    public static ContactDetails ToDetails(JsonObject p, bool recreated = false) => new()
    {
        Partial = true,
        Recreated = recreated,
        TagsGiven = p["tags"] is JsonArray,
        CustomFieldsJson = p["customFields"] is JsonArray fields ? CustomFields(fields) : null,
        Name = p.Text("name"), FirstName = p.Text("firstName"), LastName = p.Text("lastName"), Email = p.Text("email"),
        Phone = p.Text("phone"), Company = p.Text("companyName"), Address = p.Text("address1"), City = p.Text("city"),
        State = p.Text("state"), PostalCode = p.Text("postalCode"), Country = p.Text("country"),
        Source = p.Text("source"),
        // Real payloads are messy: a tag that is not a string is skipped, not a reason to lose the contact.
        Tags = p["tags"] is JsonArray tags
            ? tags.OfType<JsonValue>().Select(t => t.TryGetValue<string>(out var tag) ? tag : null).OfType<string>().ToList()
            : [],
    };

    /// <summary>The event's order key: <c>dateUpdated</c>, else its <c>timestamp</c>, else when it was received.</summary>
    public static DateTime ChangedAt(ParsedWebhook webhook, DateTime receivedAt) =>
        Time(webhook.Payload.Text("dateUpdated")) ?? webhook.Timestamp?.UtcDateTime ?? receivedAt;

    /// <summary><c>[{id, value}]</c> as a JSON object keyed by field id (values kept as sent: text, number, list).</summary>
    private static string CustomFields(JsonArray fields)
    {
        var map = new JsonObject();
        foreach (var field in fields.OfType<JsonObject>())
        {
            if (field.Text("id") is { } id)
            {
                map[id] = field["value"]?.DeepClone();
            }
        }

        return map.ToJsonString();
    }

    public static DateTime? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;
}
