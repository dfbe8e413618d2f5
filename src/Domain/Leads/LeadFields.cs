using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Domain.Leads;

/// <summary>
/// The lead's fields as both sides know them, named as in the lead's JSON, each value as JSON text (null when empty):
/// the common language of edits, sync state and conflicts. A custom field is <c>customFields.{GoHighLevel field id}</c>.
/// </summary>
public static class LeadFields
{
    public const string FirstName = "firstName", LastName = "lastName", Email = "email", Phone = "phone", Company = "company",
        Address = "address", City = "city", State = "state", PostalCode = "postalCode", Country = "country", Timezone = "timezone",
        Tags = "tags", CustomFieldPrefix = "customFields.";

    public static IReadOnlyList<string> Scalars { get; } =
        [FirstName, LastName, Email, Phone, Company, Address, City, State, PostalCode, Country, Timezone];

    /// <summary>Fields GoHighLevel's contact update does not take: edited in the hub, they stay in the hub.</summary>
    public static bool IsHubOnly(string field) => field == Company;

    public static bool IsKnown(string field) =>
        Scalars.Contains(field) || field == Tags || (field.StartsWith(CustomFieldPrefix, StringComparison.Ordinal) && field.Length > CustomFieldPrefix.Length);

    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : JsonSerializer.Serialize(value.Trim());

    public static string? TagsText(IEnumerable<string>? tags)
    {
        var list = (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct().ToList();
        return list.Count == 0 ? null : JsonSerializer.Serialize(list);
    }

    /// <summary>A custom field's value as JSON text; an empty string or empty list counts as no value.</summary>
    public static string? Json(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : JsonSerializer.Serialize(s),
        JsonArray { Count: 0 } => null,
        _ => value.ToJsonString(),
    };

    /// <summary>The same value for this field: tags compare as sets, ignoring case (GoHighLevel lower-cases them).</summary>
    public static bool Same(string field, string? a, string? b)
    {
        if (a == b)
        {
            return true;
        }

        if (field != Tags || a is null || b is null)
        {
            return false;
        }

        static string[] Set(string json) => (JsonSerializer.Deserialize<string[]>(json) ?? [])
            .Select(t => t.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        return Set(a).SequenceEqual(Set(b));
    }

    public static string? AsString(string? json) => json is null ? null : JsonSerializer.Deserialize<string>(json);

    public static IReadOnlyList<string> AsTags(string? json) => json is null ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    /// <summary>The lead's values of every field it has (custom fields one by one).</summary>
    public static Dictionary<string, string?> Of(Lead lead)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [FirstName] = Text(lead.FirstName), [LastName] = Text(lead.LastName), [Email] = Text(lead.Email), [Phone] = Text(lead.Phone),
            [Company] = Text(lead.Company), [Address] = Text(lead.Address), [City] = Text(lead.City), [State] = Text(lead.State),
            [PostalCode] = Text(lead.PostalCode), [Country] = Text(lead.Country), [Timezone] = Text(lead.Timezone), [Tags] = TagsText(lead.Tags),
        };
        foreach (var (id, value) in CustomFields(lead.CustomFieldsJson))
        {
            values[CustomFieldPrefix + id] = Json(value);
        }

        return values;
    }

    public static JsonObject CustomFields(string json) => JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json) as JsonObject ?? [];
}
