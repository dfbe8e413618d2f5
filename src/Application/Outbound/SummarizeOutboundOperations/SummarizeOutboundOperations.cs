using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.Outbound;

public sealed record SummarizeOutboundOperationsQuery : IQuery<OutboundSummary>;

/// <summary>Counts by status and by kind, every one listed (zeros included) so a reader never has to guess a missing key.</summary>
public sealed class SummarizeOutboundOperationsHandler(IAppDbContext db) : IQueryHandler<SummarizeOutboundOperationsQuery, OutboundSummary>
{
    public async ValueTask<OutboundSummary> Handle(SummarizeOutboundOperationsQuery query, CancellationToken cancellationToken)
    {
        var byStatus = await db.OutboundOperations.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var byKind = await db.OutboundOperations.GroupBy(o => o.Kind).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new OutboundSummary(
            Enum.GetValues<OutboundStatus>().ToDictionary(s => s.ToApiName(), s => byStatus.GetValueOrDefault(s)),
            Enum.GetValues<OutboundKind>().ToDictionary(k => k.ToApiName(), k => byKind.GetValueOrDefault(k)));
    }
}
