using System.Runtime.CompilerServices;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Infrastructure.Leads;

/// <summary>Where a keyset page ends: the last lead's creation time and id (the list order's two keys).</summary>
internal readonly record struct LeadCursor(DateTime CreatedAt, int Id)
{
    public static LeadCursor Of(Lead lead) => new(lead.CreatedAt, lead.Id);
}

/// <summary>
/// Every lead a filter matches, one keyset page at a time (<see cref="LeadSql.After"/>): one page is in memory, never the
/// whole result, and no statement stays open between pages (on SQLite a long read would keep the WAL from being
/// checkpointed for the whole export).
/// </summary>
internal static class LeadPages
{
    /// <summary>Reads <paramref name="page"/> after page until one comes back short of <paramref name="pageSize"/>.</summary>
    public static async IAsyncEnumerable<Lead> Read(Func<LeadCursor?, Task<List<Lead>>> page, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        LeadCursor? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var leads = await page(after);
            foreach (var lead in leads)
            {
                yield return lead;
            }

            if (leads.Count < pageSize)
            {
                yield break;
            }

            after = LeadCursor.Of(leads[^1]);
        }
    }
}
