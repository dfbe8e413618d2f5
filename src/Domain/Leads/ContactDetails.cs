namespace IntegrationHub.Domain.Leads;

/// <summary>The contact fields a lead carries, whatever channel they arrived through.</summary>
public sealed record ContactDetails
{
    public string? Name { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
    public string? Source { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>
    /// From a CRM event: fields left out (null) keep the lead's values, and <see cref="Tags"/> counts only when
    /// <see cref="TagsGiven"/>. A full record (a sync page, a lead created by hand) replaces every field.
    /// </summary>
    public bool Partial { get; init; }

    public bool TagsGiven { get; init; } = true;

    /// <summary>The CRM's custom fields as a JSON object (by field id), when the event carries them.</summary>
    public string? CustomFieldsJson { get; init; }

    /// <summary>A create event: the contact exists (again) in the CRM, so a deletion mark is cleared.</summary>
    public bool Recreated { get; init; }

    /// <summary>The display name: the explicit name, else first and last name joined, else the email.</summary>
    public string DisplayName()
    {
        if (!string.IsNullOrWhiteSpace(Name))
        {
            return Name.Trim();
        }

        var joined = string.Join(' ', new[] { FirstName, LastName }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        if (joined.Length > 0)
        {
            return joined;
        }

        return string.IsNullOrWhiteSpace(Email) ? "Unknown contact" : Email.Trim();
    }
}
