namespace IntegrationHub.Domain.Leads;

/// <summary>How a conflict ended (or that it has not).</summary>
public static class ConflictOutcomes
{
    public const string Open = "open", HubWon = "hubWon", CrmWon = "crmWon", KeptHub = "keptHub", KeptCrm = "keptCrm",
        Agreed = "agreed";
}

/// <summary>
/// One field the hub and GoHighLevel both changed, since they last agreed, to different values. Values are JSON texts
/// (null when the field was cleared). Kept on the lead: open ones until resolved, decided ones as its conflict history.
/// </summary>
public sealed record LeadConflict
{
    public string Field { get; init; } = "";
    public string? HubValue { get; init; }
    public string? CrmValue { get; init; }
    public DateTime DetectedAt { get; init; }

    /// <summary>The integration's policy when it was detected: <c>lastWriteWins</c> or <c>manual</c>.</summary>
    public string Policy { get; init; } = "";

    /// <summary>One of <see cref="ConflictOutcomes"/>.</summary>
    public string Outcome { get; init; } = ConflictOutcomes.Open;

    public DateTime? ResolvedAt { get; init; }

    public bool IsOpen => Outcome == ConflictOutcomes.Open;
}

/// <summary>Raised when a conflict is detected (whatever the policy did with it): an alert follows.</summary>
public sealed record LeadConflictDetected(Lead Lead, LeadConflict Conflict) : Common.IDomainEvent;

/// <summary>Raised when the hub changed fields that GoHighLevel should get (a <c>contact.update</c>, or a create).</summary>
public sealed record LeadEdited(Lead Lead) : Common.IDomainEvent;
