using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// InboundMessage, OutboundMessage and ProviderOutboundMessage: one entry in the lead's message log per message, however
/// often it is delivered. The direction comes from the event's type (one of GoHighLevel's own examples says "inbound"
/// on an outbound message).
/// </summary>
/// <param name="rows">Webhook processing's row mode, when a batch uses it: new entries are handed to it.</param>
public sealed class MessageEventHandler(IAppDbContext db, LeadUpserter leads, TimeProvider clock, IProcessingRows? rows = null) : IWebhookEventHandler
{
    private readonly HashSet<(int SubAccountId, string MessageId)> _knownMessages = [];

    public bool Handles(string eventType) => WebhookParser.MessageTypes.Contains(eventType);

    public async Task PrepareAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var subAccounts = events.Select(e => e.SubAccountId).Distinct().ToList();
        await leads.PreloadAsync(subAccounts, events.Select(e => e.Webhook.Payload.Text("contactId")).OfType<string>().Distinct().ToList(),
            cancellationToken);
        var messageIds = events.Select(e => WebhookParser.MessageIdentity(e.Webhook, e.Event.DeliveryId)).ToList();
        var known = await db.LeadMessages.Where(m => subAccounts.Contains(m.SubAccountId) && messageIds.Contains(m.ExternalMessageId!))
            .Select(m => new { m.SubAccountId, m.ExternalMessageId }).ToListAsync(cancellationToken);
        known.ForEach(m => _knownMessages.Add((m.SubAccountId, m.ExternalMessageId!)));
    }

    public async Task HandleAsync(ParsedEvent parsed, CancellationToken cancellationToken)
    {
        var p = parsed.Webhook.Payload;
        var subAccountId = parsed.SubAccountId;
        var messageId = WebhookParser.MessageIdentity(parsed.Webhook, parsed.Event.DeliveryId);
        var contactId = p.Text("contactId")!;
        var lead = leads.Known(subAccountId, contactId);
        var leadId = lead is { Id: > 0 } ? lead.Id : await db.Leads.WithSpecification(new LeadByContactSpec(subAccountId, contactId))
            .Select(l => (int?)l.Id).FirstOrDefaultAsync(cancellationToken);
        if (parsed.Event.EventType != WebhookParser.InboundMessage && await SentFromHubAsync(parsed, leadId, cancellationToken) is { } sent)
        {
            // The echo of a message the hub sent: its entry takes GoHighLevel's ids and status; no second entry.
            if (rows is { Active: true })
            {
                throw new RowModeNotEnoughException("an echo of a message the hub sent changes its entry");
            }

            sent.RecordEcho(p.Text("messageId"), p.Text("conversationId"), p.Text("emailMessageId"), p.Text("status"), clock.GetUtcNow().UtcDateTime);
            _knownMessages.Add((subAccountId, messageId));
            return;
        }

        if (!_knownMessages.Add((subAccountId, messageId))
            || await db.LeadMessages.AnyAsync(m => m.SubAccountId == subAccountId && m.ExternalMessageId == messageId, cancellationToken))
        {
            return; // Already logged by an earlier delivery, attempt, or event of this batch.
        }
        var to = p["to"] switch
        {
            JsonArray list => string.Join(", ", list.Select(t => t?.ToString())),
            JsonValue value => value.ToString(),
            _ => null,
        };
        var entry = LeadMessage.Create(subAccountId, leadId, contactId, messageId, p.Text("messageType") ?? "Unknown",
            p.Text("body"), p.Text("subject"), p.Text("from"), to, parsed.Event.EventType == WebhookParser.InboundMessage ? "inbound" : "outbound", p.Text("status"),
            (p["attachments"] as JsonArray)?.ToJsonString() ?? "[]",
            ContactPayload.Time(p.Text("dateAdded")) ?? parsed.Webhook.Timestamp?.UtcDateTime ?? parsed.Event.ReceivedAt, clock.GetUtcNow().UtcDateTime,
            p["callDuration"] is JsonValue duration && duration.TryGetValue<int>(out var seconds) ? seconds : null);
        if (rows is { Active: true })
        {
            rows.Added(entry);
        }
        else
        {
            db.LeadMessages.Add(entry);
        }
    }

    /// <summary>
    /// The hub's own message this OutboundMessage is about: the one with its <c>messageId</c> (or e-mail's
    /// <c>emailMessageId</c>), else, for an echo that came before the send's answer or after a send cut off without one,
    /// the lead's oldest message still waiting for its id on the same channel with the same text (e-mail: subject).
    /// </summary>
    private async Task<LeadMessage?> SentFromHubAsync(ParsedEvent parsed, int? leadId, CancellationToken cancellationToken)
    {
        var p = parsed.Webhook.Payload;
        var subAccountId = parsed.SubAccountId;
        var messageId = p.Text("messageId");
        var emailMessageId = p.Text("emailMessageId");
        if (messageId is null && emailMessageId is null && leadId is null)
        {
            return null;
        }

        var hubMessages = db.LeadMessages.Where(m => m.SubAccountId == subAccountId && m.SendOperationId != null);
        if (messageId is not null || emailMessageId is not null)
        {
            var byId = await hubMessages.Where(m => (messageId != null && m.ExternalMessageId == messageId)
                    || (emailMessageId != null && m.ExternalEmailMessageId == emailMessageId))
                .FirstOrDefaultAsync(cancellationToken);
            if (byId is not null)
            {
                return byId;
            }
        }

        if (leadId is null || p.Text("messageType") is not { } type)
        {
            return null;
        }

        var awaiting = hubMessages.Where(m => m.LeadId == leadId && m.ExternalMessageId == null && m.MessageType == type
            && (m.Status == LeadMessage.Statuses.Sending || m.Status == LeadMessage.Statuses.Failed));
        // An e-mail's echo carries its HTML as the body: the subject identifies it. A text message's body is its text.
        var subject = p.Text("subject");
        var body = p.Text("body");
        awaiting = type == "Email" ? awaiting.Where(m => subject != null && m.Subject == subject) : awaiting.Where(m => body != null && m.Body == body);
        return await awaiting.OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public Task AfterCommitAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Forget() => _knownMessages.Clear();
}
