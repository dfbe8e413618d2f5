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

    /// <summary>When the message was sent or received (the contract's name for <see cref="OccurredAt"/>).</summary>
    public DateTime SentAt { get; init; }
}
