using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Leads;

/// <summary>
/// Pages of leads, newest first. Without a text or tag filter, the column indexes answer and the total is exact. With
/// one, each database's own plans answer (<see cref="ILeadSearchPlans"/>) and the count stops one past the cap
/// (<see cref="LeadsOptions.SearchCountCap"/>): an exact count of a broad match visits every match (ADR 0009).
/// </summary>
internal sealed class LeadSearch(AppDbContext db, IOptions<LeadsOptions> options) : ILeadSearch
{
    public async Task<LeadSearchPage> NewestFirst(LeadFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (!filter.SearchesTextOrTags)
        {
            var leads = db.Leads.AsNoTracking().WithSpecification(new LeadsMatchingSpec(filter));
            var total = await leads.CountAsync(cancellationToken);
            var items = await leads.WithSpecification(new LeadsNewestFirstSpec(page, pageSize)).ToListAsync(cancellationToken);
            return new LeadSearchPage(items, total, TotalIsExact: true);
        }

        var cap = options.Value.SearchCountCap;
        var plans = Plans();
        var counted = await plans.CountUpTo(filter, cap + 1, cancellationToken);
        var found = await plans.Page(filter, page, pageSize, counted, cancellationToken);
        return counted > cap ? new LeadSearchPage(found, cap, TotalIsExact: false) : new LeadSearchPage(found, (int)counted, TotalIsExact: true);
    }

    public IAsyncEnumerable<Lead> EveryMatch(LeadFilter filter, CancellationToken cancellationToken) =>
        Plans().EveryMatch(filter, options.Value.ExportPageSize, cancellationToken);

    private ILeadSearchPlans Plans() =>
        db.Database.IsSqlite() ? new SqliteLeadSearch(db)
        : db.Database.IsNpgsql() ? new PostgreSqlLeadSearch(db)
        : new SqlServerLeadSearch(db);
}

/// <summary>One database's way to count and page the leads matching a text or tag filter.</summary>
internal interface ILeadSearchPlans
{
    /// <summary>The matches, counted no further than <paramref name="atMost"/>.</summary>
    Task<long> CountUpTo(LeadFilter filter, int atMost, CancellationToken cancellationToken);

    /// <summary>One page; <paramref name="matches"/> is what <see cref="CountUpTo"/> found (a plan may choose by it).</summary>
    Task<List<Lead>> Page(LeadFilter filter, int page, int pageSize, long matches, CancellationToken cancellationToken);

    /// <summary>Every match in list order, read in keyset pages (<see cref="LeadPages"/>).</summary>
    IAsyncEnumerable<Lead> EveryMatch(LeadFilter filter, int pageSize, CancellationToken cancellationToken);
}
