using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>GoHighLevel contact ⇄ lead fields.</summary>
public static class ContactMapping
{
    public static ContactDetails ToDetails(GhlContact contact) => new()
    {
        Name = contact.Name ?? contact.ContactName,
        FirstName = contact.FirstName,
        LastName = contact.LastName,
        Email = contact.Email,
        Phone = contact.Phone,
        Company = contact.CompanyName,
        Address = contact.Address1,
        City = contact.City,
        State = contact.State,
        PostalCode = contact.PostalCode,
        Country = contact.Country,
        Source = contact.Source ?? "gohighlevel",
        Tags = contact.Tags ?? [],
    };

    public static GhlContactRequest ToRequest(Lead lead) => new()
    {
        FirstName = lead.FirstName,
        LastName = lead.LastName,
        Name = lead.Name,
        Email = lead.Email,
        Phone = lead.Phone,
        Address1 = lead.Address,
        City = lead.City,
        State = lead.State,
        PostalCode = lead.PostalCode,
        Country = lead.Country,
        CompanyName = lead.Company,
        Source = lead.Source ?? "IntegrationHub",
        Tags = lead.Tags.Count == 0 ? null : lead.Tags,
    };
}
