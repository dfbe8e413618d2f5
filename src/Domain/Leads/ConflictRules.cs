namespace IntegrationHub.Domain.Leads;

/// <summary>What a GoHighLevel integration does when the hub and the CRM changed the same field to different values.</summary>
public enum ConflictPolicy
{
    /// <summary>The later change wins; the loser is kept in the lead's conflict history.</summary>
    LastWriteWins,
    /// <summary>Both sides stay as they are until someone resolves the conflict.</summary>
    Manual,
}

public enum ConflictWinner
{
    Hub,
    Crm,
    /// <summary>Nobody decides now (manual policy): the conflict stays open.</summary>
    Nobody,
}

/// <summary>The rule that decides a conflict, kept in one place (docs/adr/0008-contact-conflicts.md).</summary>
public static class ConflictRules
{
    /// <summary>
    /// Two clocks are compared (the hub's and GoHighLevel's), and GoHighLevel's webhook clock has whole-second precision
    /// at worst: a CRM change less than this after the hub's edit is not trusted to be later, and the hub's edit wins.
    /// </summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(1);

    /// <param name="hubEditedAt">When the hub's unsent change was made (UTC).</param>
    /// <param name="crmChangedAt">GoHighLevel's <c>dateUpdated</c>, else the event's order key; null when unknown.</param>
    public static ConflictWinner Decide(ConflictPolicy policy, DateTime hubEditedAt, DateTime? crmChangedAt)
    {
        if (policy == ConflictPolicy.Manual)
        {
            return ConflictWinner.Nobody;
        }

        // An unknown CRM time cannot prove the CRM later: the hub's change, which is being sent now, wins.
        return crmChangedAt is { } crm && crm - hubEditedAt >= ClockTolerance ? ConflictWinner.Crm : ConflictWinner.Hub;
    }

    public static string ToConfigName(this ConflictPolicy policy) => policy == ConflictPolicy.Manual ? "manual" : "lastWriteWins";

    public static ConflictPolicy ParseConfig(string? text) =>
        string.Equals(text, "manual", StringComparison.Ordinal) ? ConflictPolicy.Manual : ConflictPolicy.LastWriteWins;
}
