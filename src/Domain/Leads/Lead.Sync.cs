using System.Text.Json.Nodes;
using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Leads;

// The two-way sync rules of a lead (docs/adr/0008-contact-conflicts.md): hub edits become pending changes, GoHighLevel's
// values are compared with what both sides last agreed on, and a field both changed is a conflict the policy decides.
public sealed partial class Lead
{
    private LeadSyncState? _parsedSync;

    /// <summary>The stored form of <see cref="SyncState"/>.</summary>
    public string SyncStateJson { get; private set; } = "{}";

    public LeadSyncState SyncState => _parsedSync ??= LeadSyncState.Parse(SyncStateJson);

    /// <summary>
    /// Changes fields in the hub (values as <see cref="LeadFields"/> JSON texts, null clears); returns those that changed.
    /// Each becomes a pending change with its edit time, except hub-only fields, which stay in the hub.
    /// </summary>
    public IReadOnlyList<string> Edit(IReadOnlyDictionary<string, string?> changes, DateTime now)
    {
        var before = LeadFields.Of(this);
        var changed = new List<string>();
        foreach (var (field, value) in changes)
        {
            if (!LeadFields.IsKnown(field))
            {
                throw new DomainRuleException($"A lead has no field '{field}'.");
            }

            var old = before.GetValueOrDefault(field);
            if (LeadFields.Same(field, old, value))
            {
                continue;
            }

            SetField(field, value);
            changed.Add(field);
            if (LeadFields.IsHubOnly(field))
            {
                if (!SyncState.HubOnly.Contains(field))
                {
                    SyncState.HubOnly.Add(field);
                }

                continue;
            }

            if (!SyncState.Synced.ContainsKey(field) && !SyncState.Pending.ContainsKey(field))
            {
                SyncState.Synced[field] = old; // What the hub held until now is the last value both sides are known to share.
            }

            if (SyncState.OpenFor(field) is { } open)
            {
                // Editing a field in conflict settles it for the hub: its new value is sent and is not a new conflict.
                SyncState.Synced[field] = open.CrmValue;
                SyncState.Close(open, ConflictOutcomes.KeptHub, now);
            }

            SyncState.Pending[field] = now;
        }

        if (changed.Count > 0)
        {
            UpdatedAt = now;
            SaveSync();
            if (changed.Any(f => !LeadFields.IsHubOnly(f)))
            {
                Raise(new LeadEdited(this));
            }
        }

        return changed;
    }

    /// <summary>
    /// Before a push: compares the contact as GoHighLevel has it now with the hub's pending changes and returns the fields
    /// to send. A field GoHighLevel changed too is a conflict: the policy decides it, or (manual) leaves it open.
    /// </summary>
    public IReadOnlyDictionary<string, string?> PlanPush(IReadOnlyDictionary<string, string?> crm, DateTime? crmUpdatedAt,
        ConflictPolicy policy, DateTime now, out bool leftOpen)
    {
        leftOpen = false;
        var hub = LeadFields.Of(this);
        var send = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (field, editedAt) in SyncState.Pending.ToList())
        {
            var mine = hub.GetValueOrDefault(field);
            var theirs = crm.GetValueOrDefault(field);
            var keep = Reconcile(field, mine, theirs, editedAt, crmUpdatedAt, policy, now);
            if (keep == Keep.Hub)
            {
                send[field] = mine;
            }

            leftOpen |= keep == Keep.Open;
        }

        ExternalUpdatedAt = crmUpdatedAt is { } read && (ExternalUpdatedAt is null || read > ExternalUpdatedAt) ? read : ExternalUpdatedAt;
        SaveSync();
        return send;
    }

    /// <summary>GoHighLevel took these values (at <paramref name="crmUpdatedAt"/>, its clock): both sides agree on them now.</summary>
    public void MarkPushed(IReadOnlyDictionary<string, string?> sent, DateTime crmUpdatedAt)
    {
        var hub = LeadFields.Of(this);
        foreach (var (field, value) in sent)
        {
            SyncState.Synced[field] = value;
            SyncState.PushedAt[field] = crmUpdatedAt;
            if (LeadFields.Same(field, hub.GetValueOrDefault(field), value))
            {
                SyncState.Pending.Remove(field); // Unless edited again while it was being sent.
            }
        }

        SyncState.LastError = null;
        SaveSync();
    }

    public void RecordSyncFailure(string reason)
    {
        SyncState.LastError = Guard.Truncate(reason, 500);
        SaveSync();
    }

    /// <summary>Settles an open conflict: the hub's value is sent (and is no new conflict), or the CRM's is taken.</summary>
    public void ResolveConflict(string field, bool keepHub, DateTime now)
    {
        var open = SyncState.OpenFor(field) ?? throw new DomainRuleException($"The lead has no open conflict on '{field}'.");
        SyncState.Synced[field] = open.CrmValue;
        if (keepHub)
        {
            SyncState.Pending[field] = now;
            Raise(new LeadEdited(this));
        }
        else
        {
            SetField(field, open.CrmValue);
            SyncState.Pending.Remove(field);
        }

        SyncState.Close(open, keepHub ? ConflictOutcomes.KeptHub : ConflictOutcomes.KeptCrm, now);
        UpdatedAt = now;
        SaveSync();
    }

    private enum Keep { Hub, Crm, Open }

    /// <summary>One field GoHighLevel reports (<paramref name="theirs"/>) against the hub's unsent change.</summary>
    /// <param name="takeCrm">Give the lead GoHighLevel's value when it wins (an event's caller applies it itself).</param>
    private Keep Reconcile(string field, string? mine, string? theirs, DateTime editedAt, DateTime? crmChangedAt, ConflictPolicy policy, DateTime now,
        bool takeCrm = true)
    {
        if (LeadFields.Same(field, mine, theirs))
        {
            SyncState.Synced[field] = theirs; // Both sides hold it already.
            SyncState.Pending.Remove(field);
            return Keep.Crm;
        }

        if (SyncState.Synced.TryGetValue(field, out var agreed) && LeadFields.Same(field, theirs, agreed))
        {
            return Keep.Hub; // GoHighLevel has not changed it since the last agreement: the hub's change goes out.
        }

        var winner = ConflictRules.Decide(policy, editedAt, crmChangedAt);
        var outcome = winner switch { ConflictWinner.Hub => ConflictOutcomes.HubWon, ConflictWinner.Crm => ConflictOutcomes.CrmWon, _ => ConflictOutcomes.Open };
        var conflict = new LeadConflict
        {
            Field = field, HubValue = mine, CrmValue = theirs, DetectedAt = now, Policy = policy.ToConfigName(), Outcome = outcome,
            ResolvedAt = winner == ConflictWinner.Nobody ? null : now,
        };
        SyncState.Record(conflict);
        Raise(new LeadConflictDetected(this, conflict));
        SyncState.Pending.Remove(field);
        switch (winner)
        {
            case ConflictWinner.Hub:
                // The CRM's value is the one the push replaces: measured against it, the push is no new conflict.
                SyncState.Synced[field] = theirs;
                SyncState.Pending[field] = editedAt;
                return Keep.Hub;
            case ConflictWinner.Crm:
                if (takeCrm)
                {
                    SetField(field, theirs);
                    UpdatedAt = now;
                }

                SyncState.Synced[field] = theirs;
                return Keep.Crm;
            default:
                return Keep.Open;
        }
    }

    private void SaveSync() => SyncStateJson = SyncState.ToJson();
}
