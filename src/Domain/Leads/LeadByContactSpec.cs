using Ardalis.Specification;

namespace IntegrationHub.Domain.Leads;

/// <summary>The lead a CRM contact stands for in a sub-account (a contact id is unique per sub-account).</summary>
public sealed class LeadByContactSpec : SingleResultSpecification<Lead>
{
    public LeadByContactSpec(int subAccountId, string contactId) =>
        Query.Where(l => l.SubAccountId == subAccountId && l.ExternalContactId == contactId);
}
