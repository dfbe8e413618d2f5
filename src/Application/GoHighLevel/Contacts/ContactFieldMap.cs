using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// The lead's fields (<see cref="LeadFields"/>) as GoHighLevel's contact has them: read from <c>GET /contacts/{id}</c>,
/// written as a <c>PUT /contacts/{id}</c> body with only the properties its <c>UpdateContactDto</c> declares
/// (<c>companyName</c>, <c>locationId</c> are 422 there: company stays in the hub).
/// </summary>
public static class ContactFieldMap
{
    private static readonly Dictionary<string, string> Properties = new(StringComparer.Ordinal)
    {
        [LeadFields.FirstName] = "firstName", [LeadFields.LastName] = "lastName", [LeadFields.Email] = "email", [LeadFields.Phone] = "phone",
        [LeadFields.Address] = "address1", [LeadFields.City] = "city", [LeadFields.State] = "state", [LeadFields.PostalCode] = "postalCode",
        [LeadFields.Country] = "country", [LeadFields.Timezone] = "timezone",
    };

    /// <summary>Whether GoHighLevel's contact update takes this field.</summary>
    public static bool IsSent(string field) =>
        Properties.ContainsKey(field) || field == LeadFields.Tags || field.StartsWith(LeadFields.CustomFieldPrefix, StringComparison.Ordinal);

    /// <summary>The contact's values by lead field (custom fields one by one), as <see cref="LeadFields.Of"/> gives the lead's.</summary>
    public static Dictionary<string, string?> FromContact(GhlContact contact)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [LeadFields.FirstName] = LeadFields.Text(contact.FirstName), [LeadFields.LastName] = LeadFields.Text(contact.LastName),
            [LeadFields.Email] = LeadFields.Text(contact.Email), [LeadFields.Phone] = LeadFields.Text(contact.Phone),
            [LeadFields.Company] = LeadFields.Text(contact.CompanyName), [LeadFields.Address] = LeadFields.Text(contact.Address1),
            [LeadFields.City] = LeadFields.Text(contact.City), [LeadFields.State] = LeadFields.Text(contact.State),
            [LeadFields.PostalCode] = LeadFields.Text(contact.PostalCode), [LeadFields.Country] = LeadFields.Text(contact.Country),
            [LeadFields.Timezone] = LeadFields.Text(contact.Timezone), [LeadFields.Tags] = LeadFields.TagsText(contact.Tags),
        };
        foreach (var field in contact.CustomFields ?? [])
        {
            if (!string.IsNullOrWhiteSpace(field.Id))
            {
                values[LeadFields.CustomFieldPrefix + field.Id] = field.Value is { } value ? LeadFields.Json(JsonNode.Parse(value.GetRawText())) : null;
            }
        }

        return values;
    }

    /// <summary>
    /// The PUT body for these field values: a cleared text is null, cleared tags an empty list (<c>tags</c> replaces the
    /// contact's), custom fields <c>[{id, field_value}]</c> with a cleared one as an empty string.
    /// </summary>
    public static JsonObject ToUpdateBody(IReadOnlyDictionary<string, string?> values)
    {
        var body = new JsonObject();
        var customFields = new JsonArray();
        foreach (var (field, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (Properties.TryGetValue(field, out var property))
            {
                body[property] = LeadFields.AsString(value);
            }
            else if (field == LeadFields.Tags)
            {
                body["tags"] = new JsonArray(LeadFields.AsTags(value).Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
            }
            else if (field.StartsWith(LeadFields.CustomFieldPrefix, StringComparison.Ordinal))
            {
                customFields.Add(new JsonObject
                {
                    ["id"] = field[LeadFields.CustomFieldPrefix.Length..],
                    ["field_value"] = value is null ? JsonValue.Create("") : JsonNode.Parse(value),
                });
            }
        }

        if (customFields.Count > 0)
        {
            body["customFields"] = customFields;
        }

        return body;
    }

    public static string Describe(IEnumerable<string> fields) => string.Join(", ", fields);

    internal static string Serialize(JsonObject body) => body.ToJsonString(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
