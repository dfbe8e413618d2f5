using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.Leads;

/// <summary>SQL Server has no search target (ADR 0009): the text is a scan (<see cref="LeadScan"/>), the tag a LeadTags lookup.</summary>
internal sealed class SqlServerLeadSearch(AppDbContext db) : ILeadSearchPlans
{
    public Task<long> CountUpTo(LeadFilter filter, int atMost, CancellationToken cancellationToken) =>
        Matching(filter).Take(atMost).LongCountAsync(cancellationToken);

    public Task<List<Lead>> Page(LeadFilter filter, int page, int pageSize, long matches, CancellationToken cancellationToken) =>
        Matching(filter).AsNoTracking().WithSpecification(new LeadsNewestFirstSpec(page, pageSize)).ToListAsync(cancellationToken);

    private IQueryable<Lead> Matching(LeadFilter filter)
    {
        var leads = LeadScan.Matching(db.Leads.WithSpecification(new LeadsMatchingSpec(filter)), filter.SearchTerms);
        return filter.NormalizedTag is { } tag ? leads.Where(l => db.LeadTags.Any(t => t.LeadId == l.Id && t.Tag == tag)) : leads;
    }
}
