using Ardalis.Specification;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>Leads of one sub-account (or all, for an admin without a filter), newest first, optionally paged.</summary>
public sealed class LeadsOfSubAccountSpec : Specification<Lead>
{
    public LeadsOfSubAccountSpec(int? subAccountId, int? page = null, int? pageSize = null)
    {
        if (subAccountId is { } id)
        {
            Query.Where(l => l.SubAccountId == id);
        }

        Query.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id);
        if (page is { } p && pageSize is { } size)
        {
            Query.Skip((p - 1) * size).Take(size);
        }
    }
}
