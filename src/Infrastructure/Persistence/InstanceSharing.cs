namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>
/// Whether other instances may share this instance's database, fixed by the provider at start: a server database may
/// be shared by instances behind a load balancer, the embedded SQLite file never is. Work that only matters between
/// instances (taking over a dead instance's events, telling others about changed routes) runs only when shared.
/// </summary>
public sealed record InstanceSharing(bool Shared);
