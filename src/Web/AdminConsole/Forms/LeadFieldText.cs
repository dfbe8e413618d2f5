using System.Text.Json;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Web.AdminConsole.Forms;

/// <summary>
/// How the console names a lead's fields and shows their values. Field names are the contract's (<c>postalCode</c>,
/// <c>customFields.{id}</c>, as conflicts and pending changes name them); people read labels.
/// </summary>
public static class LeadFieldText
{
    /// <summary>The fields a lead is edited by (the EditLead command's), in the order the form shows them.</summary>
    public static IReadOnlyList<LeadFormField> Editable { get; } =
    [
        new(LeadFields.FirstName, "First name"),
        new(LeadFields.LastName, "Last name"),
        new(LeadFields.Email, "E-mail", "email"),
        new(LeadFields.Phone, "Phone", "tel", "+14155550123"),
        new(LeadFields.Company, "Company"),
        new(LeadFields.Address, "Address"),
        new(LeadFields.City, "City"),
        new(LeadFields.State, "State"),
        new(LeadFields.PostalCode, "Postal code"),
        new(LeadFields.Country, "Country"),
        new(LeadFields.Timezone, "Time zone", Placeholder: "America/New_York"),
    ];

    /// <summary>The label of a field name (<c>customFields.abc</c> reads "Custom field abc"); unknown names stay as they are.</summary>
    public static string Label(string field) =>
        field == LeadFields.Tags ? "Tags"
        : field.StartsWith(LeadFields.CustomFieldPrefix, StringComparison.Ordinal) ? $"Custom field {field[LeadFields.CustomFieldPrefix.Length..]}"
        : field == "customFields" ? "Custom fields"
        : Editable.FirstOrDefault(f => f.Name == field)?.Label ?? field;

    /// <summary>A JSON value as text: a string as itself, a list of strings (tags) comma-separated, anything else as JSON; null for no value.</summary>
    public static string? Show(JsonElement? value) => value switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Array } list when list.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            string.Join(", ", list.EnumerateArray().Select(e => e.GetString())),
        { } other => other.GetRawText(),
    };
}

/// <summary>A text field of the lead edit form: its contract name, its label, and the input's type and example.</summary>
public sealed record LeadFormField(string Name, string Label, string InputType = "text", string? Placeholder = null);
