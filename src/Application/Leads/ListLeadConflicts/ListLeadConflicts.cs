using System.Text.Json;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>A lead's open conflicts; with <c>history</c>, the decided ones too (newest first).</summary>
public sealed record ListLeadConflictsQuery(int Id, bool History = false) : IQuery<IReadOnlyList<LeadConflictDto>>;

/// <summary>
/// <c>{field, hubValue, crmValue, detectedAt}</c> as the contract lists an open conflict; values as JSON (null when cleared).
/// Decided ones add <c>outcome</c> (<c>hubWon</c>, <c>crmWon</c>, <c>keptHub</c>, <c>keptCrm</c>, <c>agreed</c>) and <c>resolvedAt</c>.
/// </summary>
public sealed record LeadConflictDto(string Field, JsonElement? HubValue, JsonElement? CrmValue, DateTime DetectedAt, string Policy,
    string Outcome, DateTime? ResolvedAt)
{
    public static LeadConflictDto From(LeadConflict c) =>
        new(c.Field, Parse(c.HubValue), Parse(c.CrmValue), c.DetectedAt, c.Policy, c.Outcome, c.ResolvedAt);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

public sealed class ListLeadConflictsHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<ListLeadConflictsQuery, IReadOnlyList<LeadConflictDto>>
{
    public async ValueTask<IReadOnlyList<LeadConflictDto>> Handle(ListLeadConflictsQuery query, CancellationToken cancellationToken)
    {
        var lead = await VisibleLeads.FindAsync(db, user, query.Id, cancellationToken);
        return lead.SyncState.Conflicts.Where(c => query.History || c.IsOpen)
            .OrderByDescending(c => c.DetectedAt).Select(LeadConflictDto.From).ToList();
    }
}
