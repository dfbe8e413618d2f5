using Mediator;

namespace IntegrationHub.Domain.Common;

/// <summary>Something that happened in the domain; published to other modules after the change is saved.</summary>
public interface IDomainEvent : INotification;
