using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Web.AdminConsole.Forms;

/// <summary>
/// What the lead edit form holds: each field's text as it was shown when the form was filled, and as it is now. Only
/// the fields whose text changed go into the EditLead command (PATCH semantics: a field left out is unchanged), so a
/// value GoHighLevel changed meanwhile is not overwritten by a form that merely showed the old one. A field emptied
/// goes as null, which clears it.
/// </summary>
public sealed class LeadDraft
{
    private readonly Dictionary<string, string> _shown;
    private readonly string _shownTags;

    private LeadDraft(Dictionary<string, string> shown, string tags, List<CustomFieldEntry> customFields)
    {
        _shown = shown;
        _shownTags = tags;
        Text = new Dictionary<string, string>(shown, StringComparer.Ordinal);
        Tags = tags;
        CustomFields = customFields;
    }

    /// <summary>The text of each field of <see cref="LeadFieldText.Editable"/> by its name, as the inputs edit it.</summary>
    public Dictionary<string, string> Text { get; }

    /// <summary>The tags, comma-separated.</summary>
    public string Tags { get; set; }

    /// <summary>The lead's custom fields, then any added in the form.</summary>
    public List<CustomFieldEntry> CustomFields { get; }

    public static LeadDraft From(LeadDto lead)
    {
        var shown = LeadFieldText.Editable.ToDictionary(f => f.Name, f => ValueOf(lead, f.Name) ?? "", StringComparer.Ordinal);
        var customFields = lead.CustomFields.ValueKind == JsonValueKind.Object
            ? lead.CustomFields.EnumerateObject().Select(p => CustomFieldEntry.Stored(p.Name, p.Value)).ToList()
            : [];
        return new LeadDraft(shown, string.Join(", ", lead.Tags), customFields);
    }

    public void AddCustomField() => CustomFields.Add(CustomFieldEntry.New());

    /// <summary>
    /// The changes, as the EditLead command takes them: only what was edited. A value the form itself can tell is
    /// wrong (a JSON custom field that is not JSON, a new custom field without its id) is a validation error named
    /// like the server's, so the page shows it beside its field the same way.
    /// </summary>
    public LeadChanges Changes()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (field, text) in Text)
        {
            if (Clean(text) != Clean(_shown[field]))
            {
                given.Add(field);
                texts[field] = Clean(text);
            }
        }

        var tags = TagList(Tags);
        if (!tags.SequenceEqual(TagList(_shownTags), StringComparer.Ordinal))
        {
            given.Add(LeadFields.Tags);
        }

        var customFields = CustomFieldChanges(errors);
        if (customFields.Count > 0)
        {
            given.Add("customFields");
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new LeadChanges
        {
            Given = given,
            FirstName = texts.GetValueOrDefault(LeadFields.FirstName), LastName = texts.GetValueOrDefault(LeadFields.LastName),
            Email = texts.GetValueOrDefault(LeadFields.Email), Phone = texts.GetValueOrDefault(LeadFields.Phone),
            Company = texts.GetValueOrDefault(LeadFields.Company), Address = texts.GetValueOrDefault(LeadFields.Address),
            City = texts.GetValueOrDefault(LeadFields.City), State = texts.GetValueOrDefault(LeadFields.State),
            PostalCode = texts.GetValueOrDefault(LeadFields.PostalCode), Country = texts.GetValueOrDefault(LeadFields.Country),
            Timezone = texts.GetValueOrDefault(LeadFields.Timezone),
            Tags = given.Contains(LeadFields.Tags) ? tags : null,
            CustomFields = customFields.Count > 0 ? customFields : null,
        };
    }

    private JsonObject CustomFieldChanges(Dictionary<string, string[]> errors)
    {
        var changes = new JsonObject();
        var stored = CustomFields.Where(f => !f.IsNew).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var field in CustomFields)
        {
            var id = field.Id.Trim();
            if (field.IsNew && id.Length == 0 && Clean(field.Text) is null)
            {
                continue; // an added row left empty
            }

            if (field.IsNew && id.Length == 0)
            {
                errors["customFields"] = ["A new custom field needs its GoHighLevel field id."];
            }
            else if (field.IsNew && stored.Contains(id))
            {
                errors["customFields"] = [$"Custom field {id} is listed already: change its value there."];
            }
            else if (field.Changed && field.Value() is var (value, error))
            {
                if (error is not null)
                {
                    errors[LeadFields.CustomFieldPrefix + id] = [error];
                }
                else
                {
                    changes[id] = value;
                }
            }
        }

        return changes;
    }

    /// <summary>Trimmed text, or null for an empty box: how the API reads a text field (blank clears it).</summary>
    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> TagList(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    private static string? ValueOf(LeadDto lead, string field) => field switch
    {
        LeadFields.FirstName => lead.FirstName,
        LeadFields.LastName => lead.LastName,
        LeadFields.Email => lead.Email,
        LeadFields.Phone => lead.Phone,
        LeadFields.Company => lead.Company,
        LeadFields.Address => lead.Address,
        LeadFields.City => lead.City,
        LeadFields.State => lead.State,
        LeadFields.PostalCode => lead.PostalCode,
        LeadFields.Country => lead.Country,
        LeadFields.Timezone => lead.Timezone,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a text field of a lead."),
    };
}

/// <summary>
/// One custom field in the form, by its GoHighLevel field id. A stored value that is not text (a number, a list of a
/// multi-select field) is edited as JSON and sent back as the same kind; a text value, or a new field, as text.
/// </summary>
public sealed class CustomFieldEntry
{
    private CustomFieldEntry(string id, string? shown, bool asJson)
    {
        Id = id;
        Shown = shown;
        Text = shown ?? "";
        AsJson = asJson;
    }

    public string Id { get; set; }

    public string Text { get; set; }

    /// <summary>The text shown when the form was filled; null for a field added in the form.</summary>
    public string? Shown { get; }

    public bool AsJson { get; }

    public bool IsNew => Shown is null;

    public bool Changed => IsNew || Text.Trim() != Shown!.Trim();

    internal static CustomFieldEntry Stored(string id, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? new(id, value.GetString(), asJson: false) : new(id, value.GetRawText(), asJson: true);

    internal static CustomFieldEntry New() => new("", null, asJson: false);

    /// <summary>The value to send (null clears the field), or what is wrong with the text.</summary>
    internal (JsonNode? Value, string? Error) Value()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            return (null, null);
        }

        if (!AsJson)
        {
            return (JsonValue.Create(Text.Trim()), null);
        }

        var error = FieldValue.Parse(FieldKind.Json, Text, out var value);
        return (value, error is null ? null : $"{error} It held {Shown}, so it is written as JSON.");
    }
}
