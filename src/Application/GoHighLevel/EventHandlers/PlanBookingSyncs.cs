using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// A booking made, changed or cancelled in the hub becomes a <c>booking.create</c>, <c>booking.update</c> or
/// <c>booking.cancel</c> for its sub-account's GoHighLevel integration, in the same save, unless that integration's
/// <c>bookingSync</c> is <c>off</c>. They run in the lead's order, so an update never overtakes its create.
/// </summary>
public sealed class PlanBookingSyncs(IIntegrations integrations, TimeProvider clock) : IOutboundPlanner
{
    public async ValueTask PlanAsync(IReadOnlyList<IDomainEvent> events, IOutbox outbox, CancellationToken cancellationToken)
    {
        var changes = events.Select(e => e switch
        {
            BookingCreated c => (c.Booking, Kind: OutboundKind.BookingCreate),
            BookingChanged c => (c.Booking, Kind: OutboundKind.BookingUpdate),
            BookingCancelled c => (c.Booking, Kind: OutboundKind.BookingCancel),
            _ => default,
        }).Where(c => c.Booking is not null).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var carrier = await LeadCarriers.OfAsync(integrations, changes.Select(c => c.Booking.SubAccountId).Distinct().ToList(), cancellationToken);
        var syncOf = new Dictionary<int, BookingSync>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (booking, kind) in changes)
        {
            if (!carrier.TryGetValue(booking.SubAccountId, out var integration))
            {
                continue; // No calendar to mirror it in: the booking's sync status says "off".
            }

            if (!syncOf.TryGetValue(integration.Id, out var sync))
            {
                sync = syncOf[integration.Id] = await integrations.ConfigOfAsync(integration.Id, cancellationToken) is { } config
                    ? GhlConfig.Read(config).BookingSync
                    : BookingSync.Off;
            }

            if (sync != BookingSync.Off)
            {
                outbox.AddForBooking(OutboundOperation.Create(kind, integration.Id, booking.LeadId, integration.Active, now), booking);
            }
        }
    }
}
