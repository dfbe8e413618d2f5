using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// Pages of the leads matching a <see cref="LeadFilter"/>, newest first. Each database answers the text and tag filters
/// with its own indexes (SQLite: an FTS5 trigram table; PostgreSQL: pg_trgm GIN indexes; both: the LeadTags table;
/// SQL Server: a scan) and picks per query what to walk, so the SQL stays in Infrastructure (ADR 0009).
/// </summary>
public interface ILeadSearch
{
    /// <summary>
    /// One page and the total. A search or tag filter is counted up to <see cref="LeadSearchLimits.CountCap"/> (or the
    /// configured cap) only: past it the total is the cap and <see cref="LeadSearchPage.TotalIsExact"/> is false.
    /// </summary>
    Task<LeadSearchPage> NewestFirst(LeadFilter filter, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Every lead matching, in the same order as <see cref="NewestFirst"/> and by the same rules (an export): read from
    /// the database a page at a time as the caller asks for more, so a million leads never sit in memory together.
    /// Untracked: the leads are for reading.
    /// </summary>
    IAsyncEnumerable<Lead> EveryMatch(LeadFilter filter, CancellationToken cancellationToken);
}

public sealed record LeadSearchPage(IReadOnlyList<Lead> Leads, int Total, bool TotalIsExact);

public static class LeadSearchLimits
{
    /// <summary>
    /// A search or tag filter's total is exact up to this many matches (ADR 0009): an exact count of 150,000 matches
    /// cannot be read in 200 ms, and nobody pages through 10,000 leads. Setting: IntegrationHub:Leads:SearchCountCap.
    /// </summary>
    public const int CountCap = 10_000;
}
