using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// Leads' published surface for a connector that creates leads' contacts in a CRM: it loads the lead and links it to
/// the contact it got, by the lead's own rules.
/// </summary>
public interface ILeadContacts
{
    /// <summary>The lead, tracked; null when it no longer exists.</summary>
    Task<Lead?> FindAsync(int leadId, CancellationToken cancellationToken);

    /// <summary>
    /// Links the lead to its CRM contact (staged; the caller saves). A contact id is unique per sub-account: if it
    /// already stands for another lead, this lead becomes that one's duplicate, and that lead is returned.
    /// </summary>
    Task<Lead?> LinkAsync(Lead lead, string contactId, DateTime now, CancellationToken cancellationToken);
}

public sealed class LeadContacts(IAppDbContext db) : ILeadContacts
{
    public Task<Lead?> FindAsync(int leadId, CancellationToken cancellationToken) =>
        db.Leads.SingleOrDefaultAsync(l => l.Id == leadId, cancellationToken);

    public async Task<Lead?> LinkAsync(Lead lead, string contactId, DateTime now, CancellationToken cancellationToken)
    {
        var original = await db.Leads.WithSpecification(new LeadByContactSpec(lead.SubAccountId, contactId)).Where(l => l.Id != lead.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (original is not null)
        {
            lead.MarkDuplicateOf(original, now);
        }
        else
        {
            lead.LinkExternalContact(contactId, now);
        }

        return original;
    }
}
