using System.Text.Json.Nodes;
using WireMock;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// <c>PUT /contacts/{id}</c> as GoHighLevel's contacts.json declares it (<c>UpdateContactDto</c>): any other property is
/// 422 "property X should not exist"; <c>tags</c> replaces the contact's; custom fields are written <c>{id, field_value}</c>
/// and read back <c>{id, value}</c>; every change moves <c>dateUpdated</c>. And a CRM user's edit, for conflict tests.
/// </summary>
public sealed partial class FakeGoHighLevel
{
    /// <summary>The properties of GoHighLevel's UpdateContactDto (apps/contacts.json).</summary>
    public static readonly IReadOnlySet<string> UpdateContactProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        "firstName", "lastName", "name", "email", "phone", "address1", "city", "state", "postalCode", "website", "timezone", "dnd",
        "dndSettings", "inboundDndSettings", "tags", "customFields", "source", "dateOfBirth", "country", "assignedTo",
    };

    /// <summary>What GoHighLevel's contact holds for this property now (null when absent).</summary>
    public JsonNode? ContactValue(string contactId, string property) => _contacts[contactId][property]?.DeepClone();

    /// <summary>The value GoHighLevel returns for a custom field of the contact.</summary>
    public JsonNode? CustomFieldValue(string contactId, string fieldId) =>
        (_contacts[contactId]["customFields"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(f => f["id"]?.GetValue<string>() == fieldId)?["value"]?.DeepClone();

    /// <summary>Someone changes the contact in GoHighLevel at <paramref name="at"/> (its new <c>dateUpdated</c>).</summary>
    public void EditContact(string contactId, DateTimeOffset at, params (string Property, JsonNode? Value)[] changes)
    {
        var contact = _contacts[contactId];
        lock (contact)
        {
            foreach (var (property, value) in changes)
            {
                contact[property] = value?.DeepClone();
            }

            contact["dateUpdated"] = at.UtcDateTime.ToString("O");
        }
    }

    /// <summary>GoHighLevel's contact as a flat ContactUpdate webhook would carry it (custom fields read as {id, value}).</summary>
    public JsonObject ContactUpdateEvent(string contactId, string locationId, DateTimeOffset timestamp)
    {
        var contact = _contacts[contactId].DeepClone().AsObject();
        contact.Remove("dateUpdated");
        contact.Remove("dateAdded");
        contact["type"] = "ContactUpdate";
        contact["locationId"] = locationId;
        contact["timestamp"] = timestamp.UtcDateTime.ToString("O");
        contact["webhookId"] = Guid.NewGuid().ToString();
        return contact;
    }

    private ResponseMessage UpdateContact(string contactId, string? body, (string, string)[] headers)
    {
        if (!_contacts.TryGetValue(contactId, out var contact))
        {
            return Json(400, """{"statusCode":400,"message":"Contact not found","traceId":"trace-gone-fake"}""");
        }

        var sent = JsonNode.Parse(body ?? "{}")!.AsObject();
        var undeclared = sent.Select(p => p.Key).Where(k => !UpdateContactProperties.Contains(k)).ToList();
        if (undeclared.Count > 0)
        {
            var messages = new JsonArray(undeclared.Select(k => (JsonNode?)JsonValue.Create($"property {k} should not exist")).ToArray());
            return Json(422, new JsonObject { ["statusCode"] = 422, ["message"] = messages, ["error"] = "Unprocessable Entity", ["traceId"] = "trace-422-put" }.ToJsonString());
        }

        lock (contact)
        {
            foreach (var (name, value) in sent)
            {
                if (name == "customFields")
                {
                    var stored = contact["customFields"] as JsonArray ?? [];
                    foreach (var field in (value as JsonArray ?? []).OfType<JsonObject>())
                    {
                        var id = field["id"]!.GetValue<string>();
                        stored.OfType<JsonObject>().Where(f => f["id"]?.GetValue<string>() == id).ToList().ForEach(f => stored.Remove(f));
                        stored.Add(new JsonObject { ["id"] = id, ["value"] = field["field_value"]?.DeepClone() });
                    }

                    contact["customFields"] = stored.DeepClone();
                }
                else
                {
                    contact[name] = value?.DeepClone();
                }
            }

            contact["dateUpdated"] = DateTimeOffset.UtcNow.ToString("O");
            return Json(200, new JsonObject { ["succeded"] = true, ["contact"] = contact.DeepClone(), ["traceId"] = "t-put" }.ToJsonString(), headers);
        }
    }
}
