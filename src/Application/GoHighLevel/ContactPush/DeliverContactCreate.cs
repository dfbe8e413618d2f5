using System.Diagnostics;
using System.Text.Json;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Leads;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Outbound;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// <c>contact.create</c>: upserts the lead as a GoHighLevel contact (safe to repeat: GoHighLevel matches by e-mail and
/// phone) and links the lead to it. A contact that already stands for another lead makes this one its duplicate.
/// </summary>
public sealed class DeliverContactCreate(IIntegrations integrations, ILeadContacts leads, GhlConnections connections, IGoHighLevelGateway gateway,
    TimeProvider clock, ILogger<DeliverContactCreate> logger) : IOutboundDelivery
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public bool Handles(OutboundKind kind) => kind == OutboundKind.ContactCreate;

    public async Task<OutboundResult> DeliverAsync(OutboundOperation operation, CancellationToken cancellationToken)
    {
        var lead = operation.LeadId is { } leadId ? await leads.FindAsync(leadId, cancellationToken) : null;
        if (lead is null)
        {
            return OutboundResult.Obsolete("The lead no longer exists.");
        }

        if (lead.ExternalContactId is not null || lead.DuplicateOfLeadId is not null)
        {
            return OutboundResult.Success(OutboundCall.None); // Linked already (a webhook echo, or a try cut off after its call).
        }

        var integration = operation.IntegrationId is { } integrationId ? await integrations.FindAsync(integrationId, cancellationToken) : null;
        if (integration is null)
        {
            return OutboundResult.Obsolete("The GoHighLevel integration was deleted.");
        }

        if (integration.Status != IntegrationStatus.Active)
        {
            return OutboundResult.Wait($"The integration is {integration.Status.ToString().ToLowerInvariant()}; the contact is created once it is active.");
        }

        var request = ContactMapping.ToRequest(lead);
        operation.RecordRequest(JsonSerializer.Serialize(new { method = "POST", path = "/contacts/upsert", body = request }, Json));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await gateway.UpsertContact(connections.Connect(integration), request, cancellationToken);
            await LinkAsync(lead, result.Contact!.Id, cancellationToken);
            return OutboundResult.Success(new OutboundCall(result.New ? 201 : 200, null, Elapsed(started)));
        }
        catch (GhlApiException ex) when (ex.DuplicateOfContactId is { } contactId)
        {
            // "This location does not allow duplicated contacts": the person is there already; link to them.
            await LinkAsync(lead, contactId, cancellationToken);
            return OutboundResult.Success(new OutboundCall(ex.StatusCode, ex.TraceId, Elapsed(started)));
        }
        catch (GhlApiException ex)
        {
            if (ex.Kind == GhlFailureKind.Unauthorized)
            {
                // Bad credentials do not heal by retrying: the integration shows the problem, its health checks bring
                // it back once fixed, and its operations wait for that.
                integration.RecordFailure(ex.Message, clock.GetUtcNow().UtcDateTime);
            }

            return GhlOutcomes.From(ex, Elapsed(started));
        }
    }

    private async Task LinkAsync(Domain.Leads.Lead lead, string contactId, CancellationToken cancellationToken)
    {
        // The contact id is unique per sub-account: if it already stands for another lead, this lead is that one's duplicate.
        if (await leads.LinkAsync(lead, contactId, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } original)
        {
            logger.LogInformation("Lead {LeadId} is GoHighLevel contact of lead {OriginalLeadId}: marked as its duplicate", lead.Id, original.Id);
        }
    }

    private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
