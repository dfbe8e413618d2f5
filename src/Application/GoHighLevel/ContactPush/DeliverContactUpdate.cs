using IntegrationHub.Application.Leads;
using IntegrationHub.Application.Integrations;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// <c>contact.update</c>: reads the contact (<c>GET /contacts/{id}</c>) to see what GoHighLevel changed since the two
/// sides last agreed, lets the lead's rules decide each conflicting field by the integration's <c>conflictPolicy</c>, and
/// sends only the hub's winning changes (<c>PUT /contacts/{id}</c>). A conflict left for a person ends it <c>conflict</c>.
/// Safe to repeat: a PUT of the same values, measured against what both sides then agree on.
/// </summary>
public sealed class DeliverContactUpdate(IIntegrations integrations, ILeadContacts leads, GhlConnections connections, IGoHighLevelGateway gateway, TimeProvider clock)
    : IOutboundDelivery
{
    public bool Handles(OutboundKind kind) => kind == OutboundKind.ContactUpdate;

    public async Task<OutboundResult> DeliverAsync(OutboundOperation operation, CancellationToken cancellationToken)
    {
        var lead = operation.LeadId is { } leadId ? await leads.FindAsync(leadId, cancellationToken) : null;
        if (lead is null)
        {
            return OutboundResult.Obsolete("The lead no longer exists.");
        }

        var integration = operation.IntegrationId is { } integrationId ? await integrations.FindAsync(integrationId, cancellationToken) : null;
        if (integration is null)
        {
            return OutboundResult.Obsolete("The GoHighLevel integration was deleted.");
        }

        if (integration.Status != IntegrationStatus.Active)
        {
            return OutboundResult.Wait($"The integration is {integration.Status.ToString().ToLowerInvariant()}; the contact is updated once it is active.");
        }

        if (lead.ExternalContactId is not { } contactId)
        {
            return lead.DuplicateOfLeadId is { } original
                ? OutboundResult.Obsolete($"The lead is a duplicate of lead {original}, whose contact GoHighLevel keeps.")
                : new OutboundResult(OutboundOutcome.Permanent, OutboundCall.None, "The lead has no GoHighLevel contact yet: its contact.create did not succeed.");
        }

        if (!lead.SyncState.Pending.Keys.Any(ContactFieldMap.IsSent))
        {
            return OutboundResult.Success(OutboundCall.None); // Sent already by an earlier update, or nothing GoHighLevel takes.
        }

        var policy = GhlConfig.Read(integration.ConfigJson).ConflictPolicy;
        var connection = connections.Connect(integration);
        var started = Stopwatch.GetTimestamp();
        OutboundCall call = OutboundCall.None;
        try
        {
            var contact = await gateway.GetContact(connection, contactId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var send = lead.PlanPush(ContactFieldMap.FromContact(contact), contact.DateUpdated?.UtcDateTime, policy, now, out var leftOpen)
                .Where(p => ContactFieldMap.IsSent(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            call = new OutboundCall(200, null, Elapsed(started));
            if (send.Count > 0)
            {
                var body = ContactFieldMap.ToUpdateBody(send);
                operation.RecordRequest(JsonSerializer.Serialize(new JsonObject
                {
                    ["method"] = "PUT", ["path"] = $"/contacts/{contactId}", ["body"] = body.DeepClone(),
                }));
                var updated = await gateway.UpdateContactFields(connection, contactId, body, cancellationToken);
                lead.MarkPushed(send, updated.DateUpdated?.UtcDateTime ?? clock.GetUtcNow().UtcDateTime);
                call = new OutboundCall(200, null, Elapsed(started));
            }

            return leftOpen
                ? new OutboundResult(OutboundOutcome.Conflict, call,
                    "GoHighLevel changed " + ContactFieldMap.Describe(lead.SyncState.Open.Select(c => c.Field)) + " too; the conflict waits to be resolved (policy manual).")
                : OutboundResult.Success(call);
        }
        catch (GhlApiException ex)
        {
            if (ex.Kind == GhlFailureKind.Unauthorized)
            {
                integration.RecordFailure(ex.Message, clock.GetUtcNow().UtcDateTime);
            }

            var result = GhlOutcomes.From(ex, Elapsed(started));
            if (result.Outcome == OutboundOutcome.Permanent)
            {
                var reason = ex.StatusCode is 404 || ex.Message.Contains("not found", StringComparison.OrdinalIgnoreCase)
                    ? $"GoHighLevel has no contact {contactId} any more (it was deleted or merged): {ex.Message}"
                    : ex.Message;
                lead.RecordSyncFailure(reason);
                result = result with { Error = reason };
            }

            return result;
        }
    }

    private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
