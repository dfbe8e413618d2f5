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

    public IAsyncEnumerable<Lead> EveryMatch(LeadFilter filter, int pageSize, CancellationToken cancellationToken) =>
        LeadPages.Read(after =>
        {
            var leads = Matching(filter);
            if (after is { } cursor)
            {
                leads = leads.Where(l => l.CreatedAt < cursor.CreatedAt || (l.CreatedAt == cursor.CreatedAt && l.Id < cursor.Id));
            }

            return leads.AsNoTracking().WithSpecification(new LeadsNewestFirstSpec()).Take(pageSize).ToListAsync(cancellationToken);
        }, pageSize, cancellationToken);

    private IQueryable<Lead> Matching(LeadFilter filter)
    {
        var leads = LeadScan.Matching(db.Leads.WithSpecification(new LeadsMatchingSpec(filter)), filter.SearchTerms);
        return filter.NormalizedTag is { } tag ? leads.Where(l => db.LeadTags.Any(t => t.LeadId == l.Id && t.Tag == tag)) : leads;
    }
}
