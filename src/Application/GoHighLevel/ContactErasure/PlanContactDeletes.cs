using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// A lead erased "also in the CRM" becomes a <c>contact.delete</c> for its sub-account's GoHighLevel integration, in the
/// erasure's own save. The operation carries the contact id only (in its request), never the person's details.
/// </summary>
public sealed class PlanContactDeletes(IIntegrations integrations, TimeProvider clock) : IOutboundPlanner
{
    public async ValueTask PlanAsync(IReadOnlyList<IDomainEvent> events, IOutbox outbox, CancellationToken cancellationToken)
    {
        var erased = events.OfType<LeadErased>().Where(e => e.AlsoInCrm && e.ExternalContactId is not null).ToList();
        if (erased.Count == 0)
        {
            return;
        }

        var carrier = await LeadCarriers.OfAsync(integrations, erased.Select(e => e.SubAccountId).Distinct().ToList(), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var lead in erased)
        {
            if (carrier.TryGetValue(lead.SubAccountId, out var integration))
            {
                var operation = OutboundOperation.Create(OutboundKind.ContactDelete, integration.Id, null, integration.Active, now);
                operation.RecordRequest(Request(lead.ExternalContactId!));
                outbox.Add(operation);
            }
        }
    }

    public static string Request(string contactId) =>
        JsonSerializer.Serialize(new JsonObject { ["method"] = "DELETE", ["path"] = ContactPath + contactId });

    public const string ContactPath = "/contacts/";

    /// <summary>The contact id a <see cref="Request"/> names, or null.</summary>
    public static string? ContactIdOf(string? requestJson)
    {
        var path = requestJson is null ? null : JsonNode.Parse(requestJson)?["path"]?.GetValue<string>();
        return path is not null && path.StartsWith(ContactPath, StringComparison.Ordinal) && path.Length > ContactPath.Length ? path[ContactPath.Length..] : null;
    }
}
