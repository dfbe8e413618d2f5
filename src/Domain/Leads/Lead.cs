using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Leads;

/// <summary>A prospective customer of one sub-account, assigned to one of its users and strategies.</summary>
public sealed partial class Lead : AggregateRoot
{
    /// <summary>Field lengths: enforced here (values from the CRM are cut to fit), by the create validator and by the schema.</summary>
    public static class MaxLength
    {
        public const int Name = 300, FirstName = 150, LastName = 150, Email = 320, Phone = 50, Company = 200, Address = 300, City = 150,
            State = 100, PostalCode = 30, Country = 100, Timezone = 64, Source = 150, ExternalContactId = 128;
    }

    private Lead() { }

    public int SubAccountId { get; private set; }
    public int? RegularUserId { get; private set; }
    public int? StrategyId { get; private set; }
    public string Name { get; private set; } = "";
    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? Company { get; private set; }
    public string? Address { get; private set; }
    public string? City { get; private set; }
    public string? State { get; private set; }
    public string? PostalCode { get; private set; }
    public string? Country { get; private set; }
    public string? Timezone { get; private set; }
    public string? Source { get; private set; }
    private IReadOnlyList<string> _tags = [];

    /// <summary>Replaced as a whole (by the CRM's or the creator's list), never edited in place.</summary>
    public IReadOnlyList<string> Tags => _tags;

    /// <summary>The contact id in the external CRM (GoHighLevel); unique per sub-account when set.</summary>
    public string? ExternalContactId { get; private set; }

    /// <summary>When the external CRM last changed the contact (its order key); decides last-write-wins. The API's <c>crmUpdatedAt</c>.</summary>
    public DateTime? ExternalUpdatedAt { get; private set; }

    /// <summary>The CRM deleted its contact; the lead stays (it is the platform's record). A later create clears it.</summary>
    public DateTime? CrmDeletedAt { get; private set; }

    /// <summary>The CRM's custom fields as a JSON object keyed by field id; replaced whole when an event carries them.</summary>
    public string CustomFieldsJson { get; private set; } = "{}";

    /// <summary>
    /// Set when the CRM merged this lead into a contact another lead already stands for (GoHighLevel's upsert
    /// dedupes by email and phone): that lead is the CRM's record of the person.
    /// </summary>
    public int? DuplicateOfLeadId { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static Lead Create(int subAccountId, int? regularUserId, int? strategyId, ContactDetails details,
        string? timezone, string? externalContactId, DateTime now, DateTime? externalUpdatedAt = null)
    {
        var lead = new Lead
        {
            ExternalUpdatedAt = externalUpdatedAt,
            SubAccountId = subAccountId,
            RegularUserId = regularUserId,
            StrategyId = strategyId,
            ExternalContactId = string.IsNullOrWhiteSpace(externalContactId) ? null : externalContactId.Trim(),
            CreatedAt = now,
        };
        lead.Apply(details, timezone, now);
        lead.CustomFieldsJson = details.CustomFieldsJson ?? "{}";
        lead.Raise(new LeadCreated(lead));
        return lead;
    }

    /// <summary>Overwrites the contact fields with newer ones (last write wins).</summary>
    public void UpdateDetails(ContactDetails details, string? timezone, DateTime now) => Apply(details, timezone, now);

    /// <summary>
    /// Applies the CRM's version of the contact unless the lead already holds a version at least as new. A field with an
    /// unsent hub change or an open conflict is decided by the sync rules (<paramref name="policy"/>). Returns false when
    /// nothing changed.
    /// </summary>
    public bool ApplyExternalUpdate(ContactDetails details, string? timezone, DateTime? externalUpdatedAt, DateTime now,
        ConflictPolicy policy = ConflictPolicy.LastWriteWins)
    {
        if (IsStale(externalUpdatedAt))
        {
            return false;
        }

        var merged = details.Partial ? Merge(details) : details;
        if (details.Partial && (SyncState.Pending.ContainsKey(LeadFields.Timezone) || SyncState.OpenFor(LeadFields.Timezone) is not null))
        {
            timezone = Timezone; // An event's time zone may be a guess from its address: it never overrides the hub's unsent one.
        }

        var undeleted = CrmDeletedAt is not null && details.Recreated;
        var probe = new Lead { _parsedSync = new LeadSyncState() };
        probe.Apply(merged, timezone, UpdatedAt);
        probe.CustomFieldsJson = details.CustomFieldsJson ?? CustomFieldsJson;
        var before = LeadFields.Of(this);
        var incoming = LeadFields.Of(probe);
        foreach (var field in ReconcileIncoming(before, incoming, Carried(details, before, incoming), externalUpdatedAt ?? now, policy, now)
            .Where(f => incoming.GetValueOrDefault(f) != before.GetValueOrDefault(f)))
        {
            probe.SetField(field, before.GetValueOrDefault(field)); // The hub's value stays.
        }

        ExternalUpdatedAt = externalUpdatedAt ?? ExternalUpdatedAt;
        if (Holds(probe) && !undeleted)
        {
            return false; // The same version again (a replay, a duplicate, the echo of the hub's own change): nothing to change.
        }

        Apply(merged, timezone, now);
        CustomFieldsJson = probe.CustomFieldsJson;
        foreach (var (field, value) in LeadFields.Of(probe).Where(p => !LeadFields.Same(p.Key, p.Value, LeadFields.Of(this).GetValueOrDefault(p.Key))))
        {
            SetField(field, value);
        }

        Name = probe.Name;
        if (details.Recreated)
        {
            CrmDeletedAt = null;
        }

        return true;
    }

    /// <summary>The CRM deleted the contact: the lead is kept and marked, unless the event is older than what the lead reflects.</summary>
    public bool MarkCrmDeleted(DateTime? externalUpdatedAt, DateTime now)
    {
        if (IsStale(externalUpdatedAt) || CrmDeletedAt is not null)
        {
            return false;
        }

        CrmDeletedAt = externalUpdatedAt ?? now;
        ExternalUpdatedAt = externalUpdatedAt ?? ExternalUpdatedAt;
        UpdatedAt = now;
        return true;
    }

    /// <summary>GoHighLevel does not promise order: an event older than the version the lead holds changes nothing.</summary>
    private bool IsStale(DateTime? externalUpdatedAt) =>
        externalUpdatedAt is { } incoming && ExternalUpdatedAt is { } stored && incoming < stored;

    /// <summary>Fields an event leaves out stay as they are.</summary>
    private ContactDetails Merge(ContactDetails partial) => new()
    {
        Name = partial.Name ?? (partial.FirstName is null && partial.LastName is null ? Name : null),
        FirstName = partial.FirstName ?? FirstName, LastName = partial.LastName ?? LastName, Email = partial.Email ?? Email,
        Phone = partial.Phone ?? Phone, Company = partial.Company ?? Company, Address = partial.Address ?? Address, City = partial.City ?? City,
        State = partial.State ?? State, PostalCode = partial.PostalCode ?? PostalCode, Country = partial.Country ?? Country,
        Source = partial.Source ?? Source, Tags = partial.TagsGiven ? partial.Tags : Tags,
    };

    private bool Holds(Lead probe) =>
        probe.Name == Name && probe.FirstName == FirstName && probe.LastName == LastName && probe.Email == Email
            && probe.Phone == Phone && probe.Company == Company && probe.Address == Address && probe.City == City
            && probe.State == State && probe.PostalCode == PostalCode && probe.Country == Country && probe.Source == Source
            && probe.Timezone == Timezone && probe.Tags.SequenceEqual(Tags) && probe.CustomFieldsJson == CustomFieldsJson;

    public void LinkExternalContact(string externalContactId, DateTime now)
    {
        ExternalContactId = Guard.NotBlank(externalContactId, nameof(externalContactId), MaxLength.ExternalContactId);
        UpdatedAt = now;
    }

    /// <summary>
    /// The person asked to be forgotten: the lead is about to be deleted with everything about it. Raised so the CRM's
    /// copy can go too when <paramref name="alsoInCrm"/> (a <c>DELETE /contacts/{id}</c> planned by the connector).
    /// </summary>
    public void Erase(bool alsoInCrm) => Raise(new LeadErased(Id, SubAccountId, ExternalContactId, alsoInCrm));

    /// <summary>The CRM holds this person as the contact of <paramref name="original"/>: this lead points at it.</summary>
    public void MarkDuplicateOf(Lead original, DateTime now)
    {
        if (original.Id == Id || original.SubAccountId != SubAccountId)
        {
            throw new DomainRuleException("A lead can only be a duplicate of another lead of its own sub-account.");
        }

        DuplicateOfLeadId = original.Id;
        UpdatedAt = now;
    }

    private void Apply(ContactDetails details, string? timezone, DateTime now)
    {
        Name = Guard.Truncate(details.DisplayName(), MaxLength.Name)!;
        FirstName = Guard.Truncate(details.FirstName, MaxLength.FirstName);
        LastName = Guard.Truncate(details.LastName, MaxLength.LastName);
        Email = Guard.Truncate(details.Email, MaxLength.Email);
        Phone = Guard.Truncate(details.Phone, MaxLength.Phone);
        Company = Guard.Truncate(details.Company, MaxLength.Company);
        Address = Guard.Truncate(details.Address, MaxLength.Address);
        City = Guard.Truncate(details.City, MaxLength.City);
        State = Guard.Truncate(details.State, MaxLength.State);
        PostalCode = Guard.Truncate(details.PostalCode, MaxLength.PostalCode);
        Country = Guard.Truncate(details.Country, MaxLength.Country);
        Source = Guard.Truncate(details.Source, MaxLength.Source);
        _tags = details.Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct().ToList().AsReadOnly();
        Timezone = timezone;
        UpdatedAt = now;
    }
}

/// <summary>Raised when a lead enters the hub, whatever its channel.</summary>
public sealed record LeadCreated(Lead Lead) : IDomainEvent;

/// <summary>Raised when a lead is erased (ids only: its details are gone with it).</summary>
public sealed record LeadErased(int LeadId, int SubAccountId, string? ExternalContactId, bool AlsoInCrm) : IDomainEvent;
