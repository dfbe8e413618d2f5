using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// Row mode, webhook processing's path for its common cases (contact and message events): leads are read untracked, and
/// what a batch adds or changes is handed over here, to be written at the commit by statements prepared once and kept,
/// without EF Core's change tracking. The domain rules are the same either way (the aggregates decide, this only stores
/// what they became). Inactive everywhere else: then EF Core's change tracker stages as usual.
/// </summary>
public interface IProcessingRows
{
    /// <summary>Whether the current batch writes rows (set by the webhook processor for the batch).</summary>
    bool Active { get; }

    /// <summary>The leads of these contacts, untracked (their stored version remembered for the commit's check).</summary>
    Task<IReadOnlyList<Lead>> LoadLeadsAsync(IReadOnlyCollection<int> subAccountIds, IReadOnlyCollection<string> contactIds,
        CancellationToken cancellationToken);

    /// <summary>A new lead to insert. Leads it loaded need no call: what changed on them is found at the commit.</summary>
    void Added(Lead lead);

    void Added(LeadMessage message);
}
