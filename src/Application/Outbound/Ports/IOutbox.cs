using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.Outbound;

/// <summary>
/// Adds outbound operations to the save that is being made, so they commit with the change that causes them or not at
/// all. Used by <see cref="IOutboundPlanner"/>s, which run inside that save.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// An operation about a lead (Leads' entity, which may itself be new in this save: the operation gets its id once it
    /// has one). Outbound knows a lead only by its id.
    /// </summary>
    void AddForLead(OutboundOperation operation, Entity lead);

    /// <summary>
    /// The operation that sends a message of a lead's log (Leads' entity, new in this save): the message points at the
    /// operation once it has an id, and the operation at the message's lead.
    /// </summary>
    void AddForMessage(OutboundOperation operation, Entity message);

    /// <summary>An operation that mirrors a lead's booking (Leads' entity, possibly new in this save) in a calendar.</summary>
    void AddForBooking(OutboundOperation operation, Entity booking);

    /// <summary>
    /// A new alert (Integrations' record) and the operation that delivers it, if any: the alert points at the operation
    /// once it has an id. Outbound stores the alert as it is given.
    /// </summary>
    void AddAlert(Entity alert, OutboundOperation? delivery);

    /// <summary>An operation tied to no entity of the hub (the one it was about is gone: a contact delete after an erasure).</summary>
    void Add(OutboundOperation operation);
}

/// <summary>
/// Turns the domain events of a save into outbound operations while that save is being made (not after it), so a
/// crash can never keep the change and lose the operation. Runs before the database writes; it may read.
/// </summary>
public interface IOutboundPlanner
{
    ValueTask PlanAsync(IReadOnlyList<Domain.Common.IDomainEvent> events, IOutbox outbox, CancellationToken cancellationToken);
}
