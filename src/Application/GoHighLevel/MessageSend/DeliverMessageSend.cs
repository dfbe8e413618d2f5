using System.Diagnostics;
using System.Text.Json;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Leads;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// <c>message.send</c>: sends a message of a lead's log through GoHighLevel (<c>POST /conversations/messages</c>), creating
/// the lead's contact first when it has none. Unlike the contact calls it is not safe to repeat, so the message is marked
/// <c>sending</c> (committed) before the request goes out: a try cut off after that (a crash, a timeout) ends
/// <c>failed</c> with "outcome unknown" instead of sending it again, unless the message's echo has shown it went out.
/// </summary>
public sealed class DeliverMessageSend(IAppDbContext db, ILeadMessages messages, IIntegrations integrations, ILeadContacts leads, GhlConnections connections,
    GhlContactLinks contacts, IGoHighLevelGateway gateway, TimeProvider clock) : IOutboundDelivery
{
    public const string OutcomeUnknown =
        "Outcome unknown: the send was cut off before GoHighLevel answered, and no echo of the message has arrived. Check the conversation in GoHighLevel; retry the operation to send it again.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public bool Handles(OutboundKind kind) => kind == OutboundKind.MessageSend;

    public async Task<OutboundResult> DeliverAsync(OutboundOperation operation, CancellationToken cancellationToken)
    {
        var message = await messages.SentByAsync(operation.Id, cancellationToken);
        if (message is null)
        {
            return OutboundResult.Obsolete("The message no longer exists.");
        }

        if (message.ExternalMessageId is not null)
        {
            return OutboundResult.Success(OutboundCall.None); // Its echo (or an earlier try's answer) shows it went out.
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (message.Status == LeadMessage.Statuses.Sending)
        {
            // An earlier try sent the request and was cut off before recording the answer.
            message.MarkFailed(OutcomeUnknown, now);
            return new OutboundResult(OutboundOutcome.Permanent, OutboundCall.None, OutcomeUnknown);
        }

        var lead = message.LeadId is { } leadId ? await leads.FindAsync(leadId, cancellationToken) : null;
        if (lead is null)
        {
            message.MarkFailed("The lead no longer exists.", now);
            return OutboundResult.Obsolete("The lead no longer exists.");
        }

        var integration = operation.IntegrationId is { } integrationId ? await integrations.FindAsync(integrationId, cancellationToken) : null;
        if (integration is null)
        {
            message.MarkFailed("The GoHighLevel integration was deleted.", now);
            return OutboundResult.Obsolete("The GoHighLevel integration was deleted.");
        }

        if (integration.Status != IntegrationStatus.Active)
        {
            return OutboundResult.Wait($"The integration is {integration.Status.ToString().ToLowerInvariant()}; the message is sent once it is active.");
        }

        var connection = connections.Connect(integration);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var contactId = await contacts.ContactOfAsync(connection, lead, cancellationToken);
            var request = new GhlSendMessageRequest
            {
                Type = message.MessageType,
                SubType = message.MessageType,
                Status = "pending",
                ContactId = contactId,
                Message = message.Body,
                Subject = message.Subject,
                Html = message.Html,
            };
            operation.RecordRequest(JsonSerializer.Serialize(new { method = "POST", path = "/conversations/messages", body = request }, Json));

            // From here on the request may reach GoHighLevel: commit that before sending, so no later try repeats it blindly.
            message.MarkSending(now);
            await db.SaveChangesAsync(cancellationToken);

            var sent = await gateway.SendMessage(connection, request, cancellationToken);
            message.MarkSent(sent.MessageId!, sent.ConversationId, sent.EmailMessageId, clock.GetUtcNow().UtcDateTime);
            return OutboundResult.Success(new OutboundCall(200, null, Elapsed(started)));
        }
        catch (GhlApiException ex)
        {
            return Failed(message, integration, ex, Elapsed(started));
        }
    }

    private OutboundResult Failed(LeadMessage message, Integration integration, GhlApiException ex, int durationMs)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var result = GhlOutcomes.From(ex, durationMs);
        if (ex.OutcomeUnknown || ex.Kind == GhlFailureKind.InvalidResponse && message.Status == LeadMessage.Statuses.Sending)
        {
            // It may have gone out: failing it (and leaving a retry to a person who checked) is the only safe answer.
            message.MarkFailed($"{ex.Message} {OutcomeUnknown}", now);
            return result with { Outcome = OutboundOutcome.Permanent, Error = $"{ex.Message} {OutcomeUnknown}" };
        }

        if (ex.Kind == GhlFailureKind.Unauthorized)
        {
            integration.RecordFailure(ex.Message, now);
        }

        if (result.Outcome == OutboundOutcome.Permanent)
        {
            message.MarkFailed(ex.Message, now); // GoHighLevel refused it (400, 422): its reason, on the message.
        }
        else
        {
            message.MarkQueued(now); // Refused for now (429, 5xx, 401): nothing went out; it is sent on a later try.
        }

        return result;
    }

    private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
