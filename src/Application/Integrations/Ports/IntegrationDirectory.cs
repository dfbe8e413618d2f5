using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Integrations;

public sealed class IntegrationDirectory(IAppDbContext db) : IIntegrations
{
    public Task<Integration?> FindAsync(int integrationId, CancellationToken cancellationToken) =>
        db.Integrations.SingleOrDefaultAsync(i => i.Id == integrationId, cancellationToken);

    public Task<bool> ExistsAsync(int integrationId, CancellationToken cancellationToken) =>
        db.Integrations.AnyAsync(i => i.Id == integrationId, cancellationToken);

    public Task<string?> ConfigOfAsync(int integrationId, CancellationToken cancellationToken) =>
        db.Integrations.AsNoTracking().Where(i => i.Id == integrationId).Select(i => i.ConfigJson).SingleOrDefaultAsync(cancellationToken);

    public Task<TemplateLabel> TemplateLabelAsync(Integration integration, CancellationToken cancellationToken) =>
        db.TemplateLabelAsync(integration, cancellationToken);

    public async Task<IReadOnlyList<IntegrationState>> OfKindAsync(IntegrationKind kind, IReadOnlyCollection<int> subAccountIds,
        CancellationToken cancellationToken) =>
        await db.Integrations.Where(i => subAccountIds.Contains(i.SubAccountId)).OfKind(db, kind)
            .Select(i => new IntegrationState(i.Id, i.SubAccountId, i.Status)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<IntegrationConfig>> ConfigsOfKindAsync(IntegrationKind kind, CancellationToken cancellationToken) =>
        await db.Integrations.AsNoTracking().OfKind(db, kind)
            .Select(i => new IntegrationConfig(i.Id, i.ConfigJson)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, IntegrationState>> HoldersOfLocationsAsync(IReadOnlyCollection<string> locationIds,
        CancellationToken cancellationToken)
    {
        if (locationIds.Count == 0)
        {
            return new Dictionary<string, IntegrationState>(StringComparer.Ordinal);
        }

        var held = await db.Integrations.AsNoTracking().Where(i => i.ExternalAccountId != null && locationIds.Contains(i.ExternalAccountId))
            .OrderBy(i => i.Status == IntegrationStatus.Disconnected).ThenBy(i => i.Id)
            .Select(i => new { Location = i.ExternalAccountId!, State = new IntegrationState(i.Id, i.SubAccountId, i.Status) })
            .ToListAsync(cancellationToken);
        return held.GroupBy(h => h.Location, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().State, StringComparer.Ordinal);
    }
}
