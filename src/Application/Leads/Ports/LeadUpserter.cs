using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Application.Tenancy;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

public enum UpsertOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>No user exists in the sub-account to own a new lead (yet): worth retrying later.</summary>
public sealed class LeadAssignmentException(int subAccountId)
    : Exception($"Sub-account {subAccountId} has no user to assign the lead to yet.");

/// <summary>
/// Turns a CRM contact into a lead of a sub-account, keyed by the CRM's contact id: a contact seen again
/// updates its lead (last write wins by the CRM's update time), never duplicates it. New leads go to the
/// sub-account's first user and that user's first strategy, as the seed design says.
/// </summary>
/// <param name="rows">Webhook processing's row mode, when a batch uses it: leads read untracked, new ones handed to it.</param>
public sealed class LeadUpserter(IAppDbContext db, ITenantDirectory tenants, TimeProvider clock, IProcessingRows? rows = null)
{
    // Per unit of work: a batch of events for one sub-account asks once.
    private readonly Dictionary<int, LeadOwner> _owners = [];
    private readonly Dictionary<int, string> _timezones = [];

    // Leads of this unit of work by contact, including contacts known to have none yet (null). Looking a lead up in
    // the change tracker instead (DbSet.Local) scans every tracked entity each time: quadratic over a batch.
    private readonly Dictionary<(int SubAccountId, string ContactId), Lead?> _leads = [];

    /// <summary>Loads, in one query, the leads a batch of contacts may touch, so that each upsert needs no query of its own.</summary>
    public async Task PreloadAsync(IReadOnlyCollection<int> subAccountIds, IReadOnlyCollection<string> contactIds, CancellationToken cancellationToken)
    {
        var found = rows is { Active: true } ? await rows.LoadLeadsAsync(subAccountIds, contactIds, cancellationToken)
            : await db.Leads.Where(l => subAccountIds.Contains(l.SubAccountId) && contactIds.Contains(l.ExternalContactId!)).ToListAsync(cancellationToken);
        foreach (var subAccountId in subAccountIds)
        {
            foreach (var contactId in contactIds)
            {
                _leads.TryAdd((subAccountId, contactId), null);
            }
        }

        foreach (var lead in found)
        {
            _leads[(lead.SubAccountId, lead.ExternalContactId!)] = lead;
        }
    }

    /// <summary>The lead of a contact in this unit of work (saved or about to be), if it is known without a query.</summary>
    public Lead? Known(int subAccountId, string externalContactId) =>
        _leads.TryGetValue((subAccountId, externalContactId), out var lead) ? lead : null;

    /// <summary>The contact's lead from this unit of work or the database (null when it has none); one query at most.</summary>
    public async Task<Lead?> FindAsync(int subAccountId, string externalContactId, CancellationToken cancellationToken)
    {
        if (!_leads.TryGetValue((subAccountId, externalContactId), out var lead))
        {
            lead = rows is { Active: true } ? (await rows.LoadLeadsAsync([subAccountId], [externalContactId], cancellationToken)).SingleOrDefault()
                : await db.Leads.WithSpecification(new LeadByContactSpec(subAccountId, externalContactId)).SingleOrDefaultAsync(cancellationToken);
            _leads[(subAccountId, externalContactId)] = lead;
        }

        return lead;
    }

    /// <summary>Forgets the unit of work's leads, for when its changes are discarded.</summary>
    public void Forget() => _leads.Clear();

    /// <summary>Stages the change in the unit of work; the caller saves.</summary>
    public async Task<(Lead Lead, UpsertOutcome Outcome)> UpsertAsync(int subAccountId, string externalContactId,
        ContactDetails details, string? timezone, DateTime? externalUpdatedAt, CancellationToken cancellationToken,
        ConflictPolicy policy = ConflictPolicy.LastWriteWins)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lead = await FindAsync(subAccountId, externalContactId, cancellationToken);

        if (lead is not null)
        {
            var changed = lead.ApplyExternalUpdate(details, timezone ?? lead.Timezone, externalUpdatedAt, now, policy);
            return (lead, changed ? UpsertOutcome.Updated : UpsertOutcome.Unchanged);
        }

        if (!_owners.TryGetValue(subAccountId, out var owner))
        {
            _owners[subAccountId] = owner = await tenants.DefaultLeadOwnerAsync(subAccountId, cancellationToken)
                ?? throw new LeadAssignmentException(subAccountId);
        }

        timezone ??= await SubAccountTimezoneAsync(subAccountId, cancellationToken);

        lead = Lead.Create(subAccountId, owner.UserId, owner.StrategyId, details, timezone, externalContactId, now, externalUpdatedAt);
        if (rows is { Active: true })
        {
            rows.Added(lead);
        }
        else
        {
            db.Leads.Add(lead);
        }

        _leads[(subAccountId, externalContactId)] = lead;
        return (lead, UpsertOutcome.Created);
    }

    public async Task<string> SubAccountTimezoneAsync(int subAccountId, CancellationToken cancellationToken)
    {
        if (!_timezones.TryGetValue(subAccountId, out var timezone))
        {
            _timezones[subAccountId] = timezone = await tenants.TimezoneAsync(subAccountId, cancellationToken);
        }

        return timezone;
    }
}
