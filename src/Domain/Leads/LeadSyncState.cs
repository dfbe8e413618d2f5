using System.Text.Json;

namespace IntegrationHub.Domain.Leads;

/// <summary>
/// What the hub knows about a lead's agreement with GoHighLevel: per field the value both sides last agreed on
/// (<see cref="Synced"/>), the hub's changes not yet sent with the time they were made (<see cref="Pending"/>), and its
/// conflicts (open ones and the history). Stored with the lead as one JSON document.
/// </summary>
public sealed class LeadSyncState
{
    /// <summary>Decided conflicts kept per lead; older ones are dropped first.</summary>
    public const int MaxHistory = 50;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public Dictionary<string, string?> Synced { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, DateTime> Pending { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per field, when GoHighLevel took the hub's last push of it (its <c>dateUpdated</c>): an event ordered before that
    /// carries the value the push replaced, and says nothing about the field.
    /// </summary>
    public Dictionary<string, DateTime> PushedAt { get; init; } = new(StringComparer.Ordinal);
    public List<LeadConflict> Conflicts { get; init; } = [];

    /// <summary>Fields edited in the hub that GoHighLevel's update does not take (company): they stay in the hub.</summary>
    public List<string> HubOnly { get; init; } = [];

    /// <summary>Why the last <c>contact.update</c> failed for good, until one succeeds.</summary>
    public string? LastError { get; set; }

    public static LeadSyncState Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) || json == "{}" ? new LeadSyncState() : JsonSerializer.Deserialize<LeadSyncState>(json, Options) ?? new LeadSyncState();

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public IEnumerable<LeadConflict> Open => Conflicts.Where(c => c.IsOpen);

    public LeadConflict? OpenFor(string field) => Conflicts.FirstOrDefault(c => c.IsOpen && c.Field == field);

    /// <summary>in sync, pending, conflict or failed: the word the lead's JSON shows.</summary>
    public string Status => Open.Any() ? "conflict" : LastError is not null ? "failed" : Pending.Count > 0 ? "pending" : "inSync";

    internal void Record(LeadConflict conflict)
    {
        Conflicts.Add(conflict);
        var decided = Conflicts.Where(c => !c.IsOpen).ToList();
        foreach (var old in decided.Take(Math.Max(0, decided.Count - MaxHistory)))
        {
            Conflicts.Remove(old);
        }
    }

    internal void Close(LeadConflict open, string outcome, DateTime now) =>
        Conflicts[Conflicts.IndexOf(open)] = open with { Outcome = outcome, ResolvedAt = now };
}
