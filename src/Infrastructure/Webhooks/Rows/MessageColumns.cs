using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Infrastructure.Webhooks.Rows;

/// <summary>A new message log entry's columns as EF Core maps them (LeadMessageConfiguration), in statement order.</summary>
internal static class MessageColumns
{
    public static readonly string[] Names =
    [
        "SubAccountId", "LeadId", "ExternalContactId", "ExternalMessageId", "MessageType", "Body", "Subject", "From", "To", "Direction",
        "Status", "AttachmentsJson", "OccurredAt", "CreatedAt", "CallDurationSeconds", "ExternalConversationId", "ExternalEmailMessageId",
        "Html", "FailureReason", "SendOperationId", "UpdatedAt",
    ];

    public static readonly string[] PostgreSqlTypes =
    [
        "integer", "integer", "text", "text", "text", "text", "text", "text", "text", "text",
        "text", "text", "timestamptz", "timestamptz", "integer", "text", "text",
        "text", "text", "integer", "timestamptz",
    ];

    public static object?[] Of(LeadMessage m) =>
    [
        m.SubAccountId, m.LeadId, m.ExternalContactId, m.ExternalMessageId, m.MessageType, m.Body, m.Subject, m.From, m.To, m.Direction,
        m.Status, m.AttachmentsJson, m.OccurredAt, m.CreatedAt, m.CallDurationSeconds, m.ExternalConversationId, m.ExternalEmailMessageId,
        m.Html, m.FailureReason, m.SendOperationId, m.UpdatedAt,
    ];
}
