using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// The leads matching a <see cref="LeadFilter"/>, unordered and unpaged. Each database answers the text and tag filters
/// with its own index (SQLite: an FTS5 trigram table; PostgreSQL: pg_trgm and jsonb GIN indexes; SQL Server: a scan),
/// so the raw SQL stays in Infrastructure and this module only says what matches.
/// </summary>
public interface ILeadSearch
{
    IQueryable<Lead> Find(LeadFilter filter);
}
