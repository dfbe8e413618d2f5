namespace IntegrationHub.Domain.Common;

/// <summary>Base of every persisted entity: an integer identity, as in the seed design.</summary>
public abstract class Entity
{
    public int Id { get; protected set; }
}

/// <summary>An aggregate root collects the domain events its methods raise until they are dispatched.</summary>
public abstract class AggregateRoot : Entity
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public IReadOnlyCollection<IDomainEvent> DomainEvents => _domainEvents;

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    public void ClearDomainEvents() => _domainEvents.Clear();
}
