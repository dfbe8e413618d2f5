using System.Text.Json.Nodes;
using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Leads;

// How a lead takes GoHighLevel's values (events and sync pages) without losing the hub's unsent changes.
public sealed partial class Lead
{
    /// <summary>
    /// A CRM event's fields against the hub's state: returns the fields whose hub value stays (an unsent hub change that
    /// wins or waits, an open conflict); the others take the CRM's value, which both sides then agree on.
    /// </summary>
    private HashSet<string> ReconcileIncoming(Dictionary<string, string?> before, Dictionary<string, string?> incoming,
        IEnumerable<string> carried, DateTime crmChangedAt, ConflictPolicy policy, DateTime now)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        // A field GoHighLevel cannot be told (company) that the hub edited stays as the hub has it.
        kept.UnionWith(carried.Where(f => LeadFields.IsHubOnly(f) && SyncState.HubOnly.Contains(f)));
        foreach (var field in carried.Where(f => !LeadFields.IsHubOnly(f)))
        {
            var mine = before.GetValueOrDefault(field);
            var theirs = incoming.GetValueOrDefault(field);
            if (SyncState.PushedAt.TryGetValue(field, out var pushedAt) && crmChangedAt < pushedAt)
            {
                kept.Add(field); // Older than the hub's push of this field: the value it carries was replaced by that push.
            }
            else if (LeadFields.Same(field, mine, theirs) && LeadFields.Same(field, mine, SyncState.Synced.GetValueOrDefault(field, mine)))
            {
                kept.Add(field); // The same value (tags in GoHighLevel's lower case, say): the hub's spelling stays.
            }
            else if (SyncState.Pending.TryGetValue(field, out var editedAt))
            {
                if (LeadFields.Same(field, mine, theirs) && crmChangedAt < editedAt)
                {
                    // GoHighLevel held this value before the hub's edit: later events (or the push's read) tell whether it still does.
                    kept.Add(field);
                    continue;
                }

                if (Reconcile(field, mine, theirs, editedAt, crmChangedAt, policy, now, takeCrm: false) != Keep.Crm)
                {
                    kept.Add(field);
                }
            }
            else if (SyncState.OpenFor(field) is { } open)
            {
                if (LeadFields.Same(field, mine, theirs))
                {
                    SyncState.Close(open, ConflictOutcomes.Agreed, now);
                    SyncState.Synced[field] = theirs;
                }
                else
                {
                    SyncState.Conflicts[SyncState.Conflicts.IndexOf(open)] = open with { CrmValue = theirs };
                    kept.Add(field);
                }
            }
            else
            {
                SyncState.Synced[field] = theirs;
            }
        }

        SaveSync();
        return kept;
    }

    /// <summary>The fields a CRM record speaks for: all of a full record; of an event, those it carries.</summary>
    private static IEnumerable<string> Carried(ContactDetails details, Dictionary<string, string?> before, Dictionary<string, string?> incoming)
    {
        if (!details.Partial)
        {
            return before.Keys.Union(incoming.Keys);
        }

        var carried = new List<string>();
        void Add(string field, object? value)
        {
            if (value is not null)
            {
                carried.Add(field);
            }
        }

        Add(LeadFields.FirstName, details.FirstName); Add(LeadFields.LastName, details.LastName); Add(LeadFields.Email, details.Email);
        Add(LeadFields.Phone, details.Phone); Add(LeadFields.Company, details.Company); Add(LeadFields.Address, details.Address); Add(LeadFields.City, details.City);
        Add(LeadFields.State, details.State); Add(LeadFields.PostalCode, details.PostalCode); Add(LeadFields.Country, details.Country);
        if (details.TagsGiven)
        {
            carried.Add(LeadFields.Tags);
        }

        if (details.CustomFieldsJson is not null)
        {
            carried.AddRange(before.Keys.Union(incoming.Keys).Where(k => k.StartsWith(LeadFields.CustomFieldPrefix, StringComparison.Ordinal)));
        }

        return carried;
    }

    private void SetField(string field, string? json)
    {
        if (field == LeadFields.Tags)
        {
            _tags = LeadFields.AsTags(json).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct().ToList().AsReadOnly();
            return;
        }

        if (field.StartsWith(LeadFields.CustomFieldPrefix, StringComparison.Ordinal))
        {
            var map = LeadFields.CustomFields(CustomFieldsJson);
            var id = field[LeadFields.CustomFieldPrefix.Length..];
            map.Remove(id);
            if (json is not null)
            {
                map[id] = JsonNode.Parse(json);
            }

            CustomFieldsJson = map.ToJsonString();
            return;
        }

        var text = LeadFields.AsString(json);
        switch (field)
        {
            case LeadFields.FirstName: FirstName = Guard.Truncate(text, MaxLength.FirstName); break;
            case LeadFields.LastName: LastName = Guard.Truncate(text, MaxLength.LastName); break;
            case LeadFields.Email: Email = Guard.Truncate(text, MaxLength.Email); break;
            case LeadFields.Phone: Phone = Guard.Truncate(text, MaxLength.Phone); break;
            case LeadFields.Company: Company = Guard.Truncate(text, MaxLength.Company); break;
            case LeadFields.Address: Address = Guard.Truncate(text, MaxLength.Address); break;
            case LeadFields.City: City = Guard.Truncate(text, MaxLength.City); break;
            case LeadFields.State: State = Guard.Truncate(text, MaxLength.State); break;
            case LeadFields.PostalCode: PostalCode = Guard.Truncate(text, MaxLength.PostalCode); break;
            case LeadFields.Country: Country = Guard.Truncate(text, MaxLength.Country); break;
            case LeadFields.Timezone: Timezone = Guard.Truncate(text, MaxLength.Timezone); break;
        }

        if (field is LeadFields.FirstName or LeadFields.LastName && (FirstName is not null || LastName is not null))
        {
            Name = Guard.Truncate(new ContactDetails { FirstName = FirstName, LastName = LastName }.DisplayName(), MaxLength.Name)!;
        }
    }
}
