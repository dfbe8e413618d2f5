using IntegrationHub.Application.Templates;
using IntegrationHub.Application.Tenancy;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// Answers what Templates and Tenancy ask of integrations (<see cref="IIntegrationUsage"/>, <see cref="ISubAccountIntegrations"/>):
/// integrations counted by the template they are built from, or the sub-account they belong to.
/// </summary>
public sealed class IntegrationUsage(IAppDbContext db) : IIntegrationUsage, ISubAccountIntegrations
{
    public Task<int> CountForSubAccountAsync(int subAccountId, CancellationToken cancellationToken) =>
        db.Integrations.CountAsync(i => i.SubAccountId == subAccountId, cancellationToken);

    public Task<int> CountForTemplateAsync(int templateId, CancellationToken cancellationToken) =>
        db.Integrations.CountAsync(i => i.IntegrationTemplateId == templateId, cancellationToken);

    public async Task<IReadOnlyDictionary<int, int>> CountByTemplateAsync(CancellationToken cancellationToken) =>
        await db.Integrations.GroupBy(i => i.IntegrationTemplateId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
