using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Integrations;

/// <summary>An integration's id, tenant and status: enough to pick which one carries a sub-account's work.</summary>
public sealed record IntegrationState(int Id, int SubAccountId, IntegrationStatus Status);

/// <summary>An integration's id and stored (encrypted) config.</summary>
public sealed record IntegrationConfig(int Id, string ConfigJson);

/// <summary>
/// Integrations' published surface for the modules that act on integrations (the GoHighLevel connector): they load
/// and change the aggregate through its methods, and never query the Integrations table themselves.
/// </summary>
public interface IIntegrations
{
    /// <summary>The integration, tracked (changes are saved with the caller's unit of work); null when it does not exist.</summary>
    Task<Integration?> FindAsync(int integrationId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(int integrationId, CancellationToken cancellationToken);

    /// <summary>The integration's stored (encrypted) config, read untracked; null when it does not exist.</summary>
    Task<string?> ConfigOfAsync(int integrationId, CancellationToken cancellationToken);

    /// <summary>The name and kind of the integration's template.</summary>
    Task<TemplateLabel> TemplateLabelAsync(Integration integration, CancellationToken cancellationToken);

    /// <summary>The integrations of a kind in the given sub-accounts.</summary>
    Task<IReadOnlyList<IntegrationState>> OfKindAsync(IntegrationKind kind, IReadOnlyCollection<int> subAccountIds, CancellationToken cancellationToken);

    /// <summary>Every integration of a kind with its stored config (read as committed, untracked).</summary>
    Task<IReadOnlyList<IntegrationConfig>> ConfigsOfKindAsync(IntegrationKind kind, CancellationToken cancellationToken);

    /// <summary>
    /// The integration that holds each of these CRM locations (as <see cref="IntegrationsByLocationSpec"/> picks it: one not
    /// disconnected, else the oldest), by location id; a location no integration holds is left out.
    /// </summary>
    Task<IReadOnlyDictionary<string, IntegrationState>> HoldersOfLocationsAsync(IReadOnlyCollection<string> locationIds,
        CancellationToken cancellationToken);
}
