namespace IntegrationHub.Domain.Leads;

/// <summary>
/// One tag of one lead, lower-cased, with the lead's sub-account and creation time: the index the tag filter reads
/// ("this sub-account's leads tagged X, newest first" is one index range). The database's triggers on Leads write these
/// rows from <see cref="Lead.Tags"/> on every insert and update, and deleting a lead deletes them (migration LeadTags,
/// ADR 0009): the hub only reads them, so they cannot drift from the lead whatever writes it.
/// </summary>
public sealed class LeadTag
{
    /// <summary>Longer tags are not indexed: the tag filter accepts no longer value, so nobody can ask for them.</summary>
    public const int MaxLength = 100;

    private LeadTag() { }

    public int LeadId { get; private set; }
    public int SubAccountId { get; private set; }
    public string Tag { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
}
