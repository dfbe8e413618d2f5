using System.Diagnostics;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// <c>contact.delete</c>: <c>DELETE /contacts/{id}</c> of an erased lead's contact. Safe to repeat: a contact already gone
/// counts as deleted.
/// </summary>
public sealed class DeliverContactDelete(IIntegrations integrations, GhlConnections connections, IGoHighLevelGateway gateway, TimeProvider clock)
    : IOutboundDelivery
{
    public bool Handles(OutboundKind kind) => kind == OutboundKind.ContactDelete;

    public async Task<OutboundResult> DeliverAsync(OutboundOperation operation, CancellationToken cancellationToken)
    {
        if (PlanContactDeletes.ContactIdOf(operation.RequestJson) is not { } contactId)
        {
            return new OutboundResult(OutboundOutcome.Permanent, OutboundCall.None, "The operation names no contact to delete.");
        }

        var integration = operation.IntegrationId is { } integrationId ? await integrations.FindAsync(integrationId, cancellationToken) : null;
        if (integration is null)
        {
            return OutboundResult.Obsolete("The GoHighLevel integration was deleted.");
        }

        if (integration.Status != IntegrationStatus.Active)
        {
            return OutboundResult.Wait($"The integration is {integration.Status.ToString().ToLowerInvariant()}; the contact is deleted once it is active.");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await gateway.DeleteContact(connections.Connect(integration), contactId, cancellationToken);
            return OutboundResult.Success(new OutboundCall(200, null, Elapsed(started)));
        }
        catch (GhlApiException ex)
        {
            if (ex.Kind == GhlFailureKind.Unauthorized)
            {
                integration.RecordFailure(ex.Message, clock.GetUtcNow().UtcDateTime);
            }

            return GhlOutcomes.From(ex, Elapsed(started));
        }
    }

    private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
