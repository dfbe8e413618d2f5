using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Integrations;

// What an integration raises as its status and health move (see Integration).

public sealed record IntegrationActivated(int IntegrationId) : IDomainEvent;

public sealed record IntegrationRecovered(int IntegrationId, IntegrationStatus From) : IDomainEvent;

public sealed record IntegrationFailed(int IntegrationId, string ErrorMessage) : IDomainEvent;

public sealed record IntegrationDisconnected(int IntegrationId) : IDomainEvent;

/// <summary>Created, or its config replaced (by an admin, a template change, or the hub's own token refresh).</summary>
public sealed record IntegrationConfigChanged(Integration Integration) : IDomainEvent;

public sealed record IntegrationDeleted(int IntegrationId) : IDomainEvent;

/// <summary>The integration failed <see cref="HealthPolicy.AlertAfterFailures"/> checks in a row (raised once per failing spell).</summary>
public sealed record IntegrationHealthFailing(Integration Integration, int ConsecutiveFailures) : IDomainEvent;

/// <summary>Credentials refused for good (a refused token refresh): raised once per failing spell, like <see cref="IntegrationHealthFailing"/>.</summary>
public sealed record IntegrationReconnectNeeded(Integration Integration, string Message) : IDomainEvent;

/// <summary>The first successful check after <see cref="IntegrationHealthFailing"/>.</summary>
public sealed record IntegrationHealthRestored(Integration Integration, int FailuresBefore) : IDomainEvent;
