using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Leads;

/// <summary>
/// One message exchanged with a contact (SMS, email, call...). Kept even when its lead is not known yet:
/// it carries the external contact id and is linked to the lead when that appears. A message sent from the hub starts
/// <see cref="Statuses.Queued"/> and is delivered by a <c>message.send</c> operation (<see cref="SendOperationId"/>);
/// GoHighLevel's OutboundMessage webhook for it (its echo) updates this entry and never adds a second one.
/// </summary>
public sealed class LeadMessage : AggregateRoot
{
    public const int MaxIdLength = 128;
    public const int MaxFailureLength = 2000;

    /// <summary>The hub's own statuses of a message it sends; GoHighLevel's words (delivered, read, failed...) follow them.</summary>
    public static class Statuses
    {
        public const string Queued = "queued";

        /// <summary>Its request is (or was, when a crash cut it off) with GoHighLevel: never sent again blindly.</summary>
        public const string Sending = "sending";

        public const string Sent = "sent";
        public const string Failed = "failed";
    }

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

    /// <summary>GoHighLevel's conversation (one per contact), once known.</summary>
    public string? ExternalConversationId { get; private set; }

    /// <summary>An e-mail's own id at GoHighLevel: its OutboundMessage webhook may carry only this one.</summary>
    public string? ExternalEmailMessageId { get; private set; }

    /// <summary>An e-mail's HTML body, as sent from the hub.</summary>
    public string? Html { get; private set; }

    /// <summary>Why a message sent from the hub failed (GoHighLevel's message, or "outcome unknown").</summary>
    public string? FailureReason { get; private set; }

    /// <summary>The <c>message.send</c> operation of a message sent from the hub; null for messages GoHighLevel reported.</summary>
    public int? SendOperationId { get; private set; }

    public DateTime? UpdatedAt { get; private set; }

    /// <summary>
    /// A message to send to the lead's contact: in the log at once (<see cref="Statuses.Queued"/>), delivered by the
    /// <c>message.send</c> its <see cref="MessageQueued"/> event plans in the same save.
    /// </summary>
    public static LeadMessage Queue(int subAccountId, int leadId, string? externalContactId, string messageType, string body, string? subject,
        string? html, string? to, DateTime now)
    {
        var message = Create(subAccountId, leadId, externalContactId, null, messageType, body, subject, null, to, "outbound", Statuses.Queued, "[]",
            now, now);
        message.Html = html;
        message.UpdatedAt = now;
        message.Raise(new MessageQueued(message));
        return message;
    }

    /// <summary>Its request goes to GoHighLevel now: a try cut off after this point must not send it again blindly.</summary>
    public void MarkSending(DateTime now) => SetStatus(Statuses.Sending, now);

    /// <summary>
    /// GoHighLevel accepted it. The ids come from the answer; a status its echo brought already (delivered, read) is kept.
    /// </summary>
    public void MarkSent(string messageId, string? conversationId, string? emailMessageId, DateTime now)
    {
        ExternalMessageId ??= Guard.Truncate(messageId, MaxIdLength);
        ExternalConversationId ??= Guard.Truncate(conversationId, MaxIdLength);
        ExternalEmailMessageId ??= Guard.Truncate(emailMessageId, MaxIdLength);
        FailureReason = null;
        if (Status is Statuses.Queued or Statuses.Sending or Statuses.Failed)
        {
            SetStatus(Statuses.Sent, now);
        }
    }

    /// <summary>GoHighLevel refused it for now (rate limit, credentials): it is tried again.</summary>
    public void MarkQueued(DateTime now) => SetStatus(Statuses.Queued, now);

    public void MarkFailed(string reason, DateTime now)
    {
        FailureReason = Guard.Truncate(reason, MaxFailureLength);
        SetStatus(Statuses.Failed, now);
    }

    /// <summary>
    /// GoHighLevel's OutboundMessage webhook for this message (its echo): the ids it carries and GoHighLevel's status word.
    /// An echo without a status still proves the message went out.
    /// </summary>
    public void RecordEcho(string? messageId, string? conversationId, string? emailMessageId, string? status, DateTime now)
    {
        ExternalMessageId ??= Guard.Truncate(messageId, MaxIdLength);
        ExternalConversationId ??= Guard.Truncate(conversationId, MaxIdLength);
        ExternalEmailMessageId ??= Guard.Truncate(emailMessageId, MaxIdLength);
        var word = string.IsNullOrWhiteSpace(status) ? Statuses.Sent : Guard.Truncate(status.Trim().ToLowerInvariant(), 50);
        if (word != Statuses.Failed)
        {
            FailureReason = null;
        }

        if (word != Statuses.Sent || Status is Statuses.Queued or Statuses.Sending or Statuses.Failed)
        {
            SetStatus(word!, now);
        }
    }

    private void SetStatus(string status, DateTime now)
    {
        Status = status;
        UpdatedAt = now;
    }

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

/// <summary>A message to send from the hub was added to a lead's log; planned into a <c>message.send</c> in the same save.</summary>
public sealed record MessageQueued(LeadMessage Message) : IDomainEvent;
