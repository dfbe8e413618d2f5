using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Infrastructure.Webhooks.Rows;

/// <summary>
/// A lead's stored columns (<see cref="LeadColumns"/>), the version its update must find, and the tag list it was stored
/// with (the lead replaces its list whenever its tags change, so the reference tells whether they may have).
/// </summary>
internal sealed record LeadRow(Lead Lead, object?[] Values, int Version, IReadOnlyList<string> Tags)
{
    public static LeadRow Of(Lead lead, int version) => new(lead, LeadColumns.Of(lead), version, lead.Tags);
}

/// <summary>What one commit of row mode writes: the events' outcomes and attempts, and the leads and messages they made.</summary>
internal sealed record ProcessingRowBatch(
    IReadOnlyList<WebhookEvent> Events, IReadOnlyList<LeadRow> NewLeads, IReadOnlyList<LeadRow> ChangedLeads, IReadOnlyList<LeadMessage> NewMessages);

/// <summary>
/// Writes a <see cref="ProcessingRowBatch"/> in one transaction with statements prepared once. New leads get the ids the
/// database gave them; an update that finds another version than it read fails the whole commit
/// (<see cref="Application.Webhooks.RowModeNotEnoughException"/>), as EF Core's concurrency check would.
/// </summary>
internal interface IProcessingRowWriter
{
    Task WriteAsync(ProcessingRowBatch batch, CancellationToken cancellationToken);
}
