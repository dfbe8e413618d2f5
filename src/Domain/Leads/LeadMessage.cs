using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Leads;

/// <summary>
/// One message exchanged with a contact (SMS, email, call...). Kept even when its lead is not known yet:
/// it carries the external contact id and is linked to the lead when that appears.
/// </summary>
public sealed class LeadMessage : Entity
{
    private LeadMessage() { }

    public int SubAccountId { get; private set; }
    public int? LeadId { get; private set; }
    public string? ExternalContactId { get; private set; }
    public string? ExternalMessageId { get; private set; }
    public string MessageType { get; private set; } = "";
    public string? Body { get; private set; }
    public string? Subject { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public string? Direction { get; private set; }
    public string? Status { get; private set; }
    public string AttachmentsJson { get; private set; } = "[]";
    public DateTime OccurredAt { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>How long a call lasted, for call and voicemail messages.</summary>
    public int? CallDurationSeconds { get; private set; }

    /// <summary>GoHighLevel's <c>messageType</c> in camelCase: SMS is <c>sms</c>, Live Chat is <c>liveChat</c>.</summary>
    public string Channel => ChannelOf(MessageType);

    public static LeadMessage Create(int subAccountId, int? leadId, string? externalContactId, string? externalMessageId,
        string messageType, string? body, string? subject, string? from, string? to, string? direction, string? status,
        string attachmentsJson, DateTime occurredAt, DateTime now, int? callDurationSeconds = null) => new()
    {
        CallDurationSeconds = callDurationSeconds is >= 0 ? callDurationSeconds : null,
        SubAccountId = subAccountId,
        LeadId = leadId,
        ExternalContactId = externalContactId,
        ExternalMessageId = externalMessageId,
        MessageType = Guard.NotBlank(messageType, nameof(messageType), 50),
        Body = body,
        Subject = subject,
        From = from,
        To = to,
        Direction = direction,
        Status = status,
        AttachmentsJson = attachmentsJson,
        OccurredAt = occurredAt,
        CreatedAt = now,
    };

    public void LinkToLead(int leadId) => LeadId = leadId;

    public static string ChannelOf(string messageType)
    {
        var words = messageType.Split([' ', '_', '-', '.'], StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((word, index) => index == 0
            ? word.ToLowerInvariant()
            : char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant()));
    }
}
