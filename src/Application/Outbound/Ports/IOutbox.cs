using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.Outbound;

/// <summary>
/// Adds outbound operations to the save that is being made, so they commit with the change that causes them or not at
/// all. Used by <see cref="IOutboundPlanner"/>s, which run inside that save.
/// </summary>
public interface IOutbox
{
    /// <summary>An operation about <paramref name="lead"/>, which may itself be new in this save.</summary>
    void AddForLead(OutboundOperation operation, Lead lead);

    /// <summary>A new alert and the operation that delivers it.</summary>
    void AddAlert(IntegrationAlert alert, OutboundOperation? delivery);
}

/// <summary>
/// Turns the domain events of a save into outbound operations while that save is being made (not after it), so a
/// crash can never keep the change and lose the operation. Runs before the database writes; it may read.
/// </summary>
public interface IOutboundPlanner
{
    ValueTask PlanAsync(IReadOnlyList<Domain.Common.IDomainEvent> events, IOutbox outbox, CancellationToken cancellationToken);
}
