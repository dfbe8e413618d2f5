using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Persistence;

namespace IntegrationHub.Infrastructure.Outbound;

/// <summary>
/// Stages operations in the context whose save is being made. A lead or alert that is new in this save has no id yet:
/// the operation's foreign key takes the entity's temporary key, which EF replaces with the real one as it inserts.
/// </summary>
public sealed class OutboxWriter(AppDbContext db) : IOutbox
{
    /// <summary>Whether this save staged any operation (the dispatcher is nudged after it).</summary>
    public bool Staged { get; private set; }

    public void AddForLead(OutboundOperation operation, Entity lead)
    {
        db.Add(operation);
        db.Entry(operation).Property(o => o.LeadId).CurrentValue = db.Entry((Lead)lead).Property(l => l.Id).CurrentValue;
        Staged = true;
    }

    public void AddForMessage(OutboundOperation operation, Entity record)
    {
        var message = (LeadMessage)record;
        db.Add(operation);
        db.Entry(operation).Property(o => o.LeadId).CurrentValue = message.LeadId;
        db.Entry(message).Property(m => m.SendOperationId).CurrentValue = db.Entry(operation).Property(o => o.Id).CurrentValue;
        Staged = true;
    }

    public void AddForBooking(OutboundOperation operation, Entity record)
    {
        var booking = (Booking)record;
        db.Add(operation);
        db.Entry(operation).Property(o => o.LeadId).CurrentValue = booking.LeadId;
        db.Entry(operation).Property(o => o.BookingId).CurrentValue = db.Entry(booking).Property(b => b.Id).CurrentValue;
        Staged = true;
    }

    public void AddAlert(Entity record, OutboundOperation? delivery)
    {
        var alert = (IntegrationAlert)record;
        db.Add(alert);
        if (delivery is not null)
        {
            db.Add(delivery);
            db.Entry(alert).Property(a => a.DeliveryOperationId).CurrentValue = db.Entry(delivery).Property(o => o.Id).CurrentValue;
            Staged = true;
        }
    }

    public void Add(OutboundOperation operation)
    {
        db.Add(operation);
        Staged = true;
    }

    public void Reset() => Staged = false;
}

/// <summary>
/// Wakes the dispatcher after a commit that staged operations (it also looks on its own every second). The Application
/// layer's <see cref="IOutboundWakeUp"/> (an admin's retry) is the same wake-up.
/// </summary>
public interface IOutboundSignal : IOutboundWakeUp;
