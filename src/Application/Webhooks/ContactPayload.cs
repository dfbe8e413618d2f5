using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Webhooks;

/// <summary>GoHighLevel's flat contact fields as the hub's contact details; fields of the wrong type are skipped, not fatal.</summary>
public static class ContactPayload
{
    public static ContactDetails ToDetails(JsonObject p) => new()
    {
        Name = p.Text("name"), FirstName = p.Text("firstName"), LastName = p.Text("lastName"), Email = p.Text("email"),
        Phone = p.Text("phone"), Company = p.Text("companyName"), Address = p.Text("address1"), City = p.Text("city"),
        State = p.Text("state"), PostalCode = p.Text("postalCode"), Country = p.Text("country"),
        Source = p.Text("source") ?? "gohighlevel",
        // Real payloads are messy: a tag that is not a string is skipped, not a reason to lose the contact.
        Tags = p["tags"] is JsonArray tags
            ? tags.OfType<JsonValue>().Select(t => t.TryGetValue<string>(out var tag) ? tag : null).OfType<string>().ToList()
            : [],
    };

    /// <summary>When GoHighLevel last changed the contact, as the event says.</summary>
    public static DateTime? ChangedAt(ParsedWebhook webhook) =>
        Time(webhook.Payload.Text("dateUpdated")) ?? Time(webhook.Payload.Text("dateAdded")) ?? webhook.Timestamp?.UtcDateTime;

    public static DateTime? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;
}
