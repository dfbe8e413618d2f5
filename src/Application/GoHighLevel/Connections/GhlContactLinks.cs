using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// The GoHighLevel contact an operation addresses (a message, an appointment): the lead's own, or one made for it first by
/// upsert (safe to repeat) and linked to the lead.
/// </summary>
public sealed class GhlContactLinks(ILeadContacts leads, IGoHighLevelGateway gateway, TimeProvider clock)
{
    public async Task<string> ContactOfAsync(GhlConnection connection, Lead lead, CancellationToken cancellationToken)
    {
        if (lead.ExternalContactId is { } known)
        {
            return known;
        }

        string contactId;
        try
        {
            contactId = (await gateway.UpsertContact(connection, ContactMapping.ToRequest(lead), cancellationToken)).Contact!.Id;
        }
        catch (GhlApiException ex) when (ex.DuplicateOfContactId is { } existing)
        {
            contactId = existing;
        }

        await leads.LinkAsync(lead, contactId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return contactId;
    }
}

/// <summary>A sub-account's default booking calendar: its GoHighLevel integration's <c>calendarId</c>.</summary>
public sealed class GhlBookingCalendars(Integrations.IIntegrations integrations) : IBookingCalendars
{
    public async Task<string?> DefaultCalendarAsync(int subAccountId, CancellationToken cancellationToken)
    {
        var carrier = await LeadCarriers.OfAsync(integrations, [subAccountId], cancellationToken);
        return carrier.TryGetValue(subAccountId, out var integration) && await integrations.ConfigOfAsync(integration.Id, cancellationToken) is { } config
            ? GhlConfig.Read(config).CalendarId
            : null;
    }
}
