namespace IntegrationHub.Application.Leads;

public sealed record LeadDto
{
    public int Id { get; init; }
    public int SubAccountId { get; init; }
    public int? RegularUserId { get; init; }
    public int? StrategyId { get; init; }
    public string Name { get; init; } = "";
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
    public string? Timezone { get; init; }
    public string? Source { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? ExternalContactId { get; init; }
    public int? DuplicateOfLeadId { get; init; }

    /// <summary>When the CRM last changed the contact (the order key of its latest applied event).</summary>
    public DateTime? CrmUpdatedAt { get; init; }

    /// <summary>When the CRM deleted the contact; the lead is kept.</summary>
    public DateTime? CrmDeletedAt { get; init; }

    /// <summary>The CRM's custom fields by field id.</summary>
    public System.Text.Json.JsonElement CustomFields { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    /// <summary>Where the lead stands with GoHighLevel (contract: "Leads edited in the hub").</summary>
    public LeadSyncStateDto SyncState { get; init; } = new();
}

/// <summary>
/// <c>status</c>: <c>inSync</c>, <c>pending</c> (hub changes not sent yet), <c>conflict</c> (open conflicts) or
/// <c>failed</c> (with <c>reason</c>); <c>hubOnlyFields</c>: fields edited in the hub that GoHighLevel's update does not
/// take (company), so they stay in the hub.
/// </summary>
public sealed record LeadSyncStateDto
{
    public string Status { get; init; } = "inSync";
    public string? Reason { get; init; }
    public IReadOnlyList<string> PendingFields { get; init; } = [];
    public IReadOnlyList<string> HubOnlyFields { get; init; } = [];
    public int OpenConflicts { get; init; }

    public static LeadSyncStateDto From(Domain.Leads.LeadSyncState state) => new()
    {
        Status = state.Status,
        Reason = state.Status == "failed" ? state.LastError : null,
        PendingFields = state.Pending.Keys.Order(StringComparer.Ordinal).ToList(),
        HubOnlyFields = state.HubOnly.ToList(),
        OpenConflicts = state.Open.Count(),
    };
}

public sealed record LeadMessageDto
{
    public int Id { get; init; }
    public int? LeadId { get; init; }
    public string? ExternalContactId { get; init; }
    public string? ExternalMessageId { get; init; }
    public string MessageType { get; init; } = "";
    public string? Body { get; init; }
    public string? Subject { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Direction { get; init; }
    public string? Status { get; init; }
    public System.Text.Json.JsonElement Attachments { get; init; }
    public DateTime OccurredAt { get; init; }

    /// <summary>The message's channel: <c>sms</c>, <c>email</c>, <c>call</c>, <c>voicemail</c>, ...</summary>
    public string Channel { get; init; } = "";

    public int? CallDurationSeconds { get; init; }

    /// <summary>GoHighLevel's conversation with the contact, once known.</summary>
    public string? ExternalConversationId { get; init; }

    /// <summary>An e-mail's own id at GoHighLevel.</summary>
    public string? ExternalEmailMessageId { get; init; }

    /// <summary>Why a message sent from the hub failed: GoHighLevel's reason, or "outcome unknown".</summary>
    public string? FailureReason { get; init; }

    /// <summary>The <c>message.send</c> operation of a message sent from the hub (<c>GET /api/admin/outbound/{id}</c>).</summary>
    public int? SendOperationId { get; init; }

    /// <summary>When its status last changed (messages sent from the hub).</summary>
    public DateTime? UpdatedAt { get; init; }

    /// <summary>When the message was sent or received (the contract's name for <see cref="OccurredAt"/>).</summary>
    public DateTime SentAt { get; init; }
}
