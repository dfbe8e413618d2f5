using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// A PATCH body read with JSON merge semantics: a property left out is unchanged, <c>null</c> clears. <see cref="Given"/>
/// names the properties that were present. <c>customFields</c> merges by field id (a null value removes that field).
/// </summary>
public sealed record LeadChanges
{
    public static IReadOnlyList<string> Properties { get; } =
    [
        "firstName", "lastName", "email", "phone", "company", "address", "city", "state", "postalCode", "country", "timezone", "tags",
        "customFields",
    ];

    public IReadOnlySet<string> Given { get; init; } = new HashSet<string>();
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
    public string? Timezone { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The custom fields to change, by GoHighLevel field id; null with <c>customFields</c> given clears them all.</summary>
    public JsonObject? CustomFields { get; init; }

    public bool Has(string property) => Given.Contains(property);

    /// <summary>Reads the body; a body that is not an object, an unknown property or a value of the wrong type is a validation error.</summary>
    public static LeadChanges Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationException("body", "The body must be a JSON object.");
        }

        try
        {
            return ReadObject(body);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to turn an escaped lone surrogate ("\ud800") into a string.
            throw new ValidationException("body", "The body holds text that is not valid Unicode.");
        }
    }

    private static LeadChanges ReadObject(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        var given = new HashSet<string>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        IReadOnlyList<string>? tags = null;
        JsonObject? customFields = null;
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (!Properties.Contains(name))
            {
                errors[name] = [$"'{name}' is not a property a lead can be edited by; allowed: {string.Join(", ", Properties)}."];
                continue;
            }

            given.Add(name);
            switch (name)
            {
                case "tags" when value.ValueKind is JsonValueKind.Array && value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String):
                    tags = value.EnumerateArray().Select(t => t.GetString()!).ToList();
                    break;
                case "tags" when value.ValueKind is JsonValueKind.Null:
                    tags = [];
                    break;
                case "tags":
                    errors[name] = ["tags must be a list of strings, or null."];
                    break;
                case "customFields" when value.ValueKind is JsonValueKind.Object:
                    customFields = JsonNode.Parse(value.GetRawText())!.AsObject();
                    break;
                case "customFields" when value.ValueKind is JsonValueKind.Null:
                    break;
                case "customFields":
                    errors[name] = ["customFields must be an object keyed by GoHighLevel field id, or null."];
                    break;
                default:
                    if (value.ValueKind is JsonValueKind.String or JsonValueKind.Null)
                    {
                        texts[name] = value.ValueKind == JsonValueKind.Null || string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim();
                    }
                    else
                    {
                        errors[name] = [$"{name} must be a string, or null to clear it."];
                    }

                    break;
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new LeadChanges
        {
            Given = given, Tags = tags, CustomFields = customFields,
            FirstName = texts.GetValueOrDefault("firstName"), LastName = texts.GetValueOrDefault("lastName"), Email = texts.GetValueOrDefault("email"),
            Phone = texts.GetValueOrDefault("phone"), Company = texts.GetValueOrDefault("company"), Address = texts.GetValueOrDefault("address"),
            City = texts.GetValueOrDefault("city"), State = texts.GetValueOrDefault("state"), PostalCode = texts.GetValueOrDefault("postalCode"),
            Country = texts.GetValueOrDefault("country"), Timezone = texts.GetValueOrDefault("timezone"),
        };
    }

    /// <summary>The changes as the lead's field values (<see cref="LeadFields"/>), given the lead's custom fields now.</summary>
    public Dictionary<string, string?> ToFieldValues(Lead lead)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Text(string field, string? value)
        {
            if (Has(field))
            {
                values[field] = LeadFields.Text(value);
            }
        }

        Text(LeadFields.FirstName, FirstName); Text(LeadFields.LastName, LastName); Text(LeadFields.Email, Email); Text(LeadFields.Phone, Phone);
        Text(LeadFields.Company, Company); Text(LeadFields.Address, Address); Text(LeadFields.City, City); Text(LeadFields.State, State);
        Text(LeadFields.PostalCode, PostalCode); Text(LeadFields.Country, Country); Text(LeadFields.Timezone, Timezone);
        if (Has(LeadFields.Tags))
        {
            values[LeadFields.Tags] = LeadFields.TagsText(Tags);
        }

        if (Has("customFields"))
        {
            var current = LeadFields.CustomFields(lead.CustomFieldsJson);
            // null clears every custom field the lead has; an object changes only the fields it names.
            var changes = CustomFields is { } named
                ? named.Select(p => (p.Key, p.Value)).ToList()
                : current.Select(p => (p.Key, Value: (JsonNode?)null)).ToList();
            foreach (var (id, value) in changes)
            {
                values[LeadFields.CustomFieldPrefix + id] = LeadFields.Json(value);
            }
        }

        return values;
    }
}
