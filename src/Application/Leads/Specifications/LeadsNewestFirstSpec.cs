using Ardalis.Specification;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>The column filters of a <see cref="LeadFilter"/>: scope and change time (the text and tag are <see cref="ILeadSearch"/>'s).</summary>
public sealed class LeadsMatchingSpec : Specification<Lead>
{
    public LeadsMatchingSpec(LeadFilter filter)
    {
        if (filter.SubAccountId is { } id)
        {
            Query.Where(l => l.SubAccountId == id);
        }

        if (filter.UpdatedSince is { } since)
        {
            var sinceUtc = since.UtcDateTime;
            Query.Where(l => l.UpdatedAt >= sinceUtc);
        }
    }
}

/// <summary>Leads newest first, as every lead list shows them, optionally paged.</summary>
public sealed class LeadsNewestFirstSpec : Specification<Lead>
{
    public LeadsNewestFirstSpec(int? page = null, int? pageSize = null)
    {
        Query.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id);
        if (page is { } p && pageSize is { } size)
        {
            Query.Skip((p - 1) * size).Take(size);
        }
    }
}

/// <summary>
/// The text filter as plain LINQ, for a database without an index that fits (SQL Server): every provider
/// translates <c>Contains</c> on a lower-cased column to a literal substring test (instr, strpos, CHARINDEX), so
/// <c>%</c> and <c>_</c> stay text.
/// </summary>
public static class LeadScan
{
    public static IQueryable<Lead> Matching(IQueryable<Lead> leads, LeadSearchTerms? terms)
    {
        if (terms is null)
        {
            return leads;
        }

        var text = terms.Text;
        if (terms.PhoneDigits is { } digits)
        {
            return leads.Where(l => l.Name.ToLower().Contains(text) || (l.FirstName ?? "").ToLower().Contains(text)
                || (l.LastName ?? "").ToLower().Contains(text) || (l.Email ?? "").ToLower().Contains(text)
                || (l.Phone ?? "").Replace("+", "").Replace(" ", "").Replace("-", "").Replace("(", "").Replace(")", "").Replace(".", "")
                    .Replace("/", "").Contains(digits));
        }

        return leads.Where(l => l.Name.ToLower().Contains(text) || (l.FirstName ?? "").ToLower().Contains(text)
            || (l.LastName ?? "").ToLower().Contains(text) || (l.Email ?? "").ToLower().Contains(text));
    }
}
