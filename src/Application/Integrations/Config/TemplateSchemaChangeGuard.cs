using IntegrationHub.Application.Templates;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// A template in use may change its schema only where every integration built from it still fits: no stored secret
/// turned into a plain property (its next read would show it), no config left invalid. Values the new schema marks
/// secret are encrypted, and new defaults applied, in the same save as the template.
/// </summary>
public sealed class TemplateSchemaChangeGuard(IAppDbContext db, IntegrationConfigEditor configEditor, TimeProvider clock)
    : ITemplateSchemaChangeGuard
{
    private const int NamedAtMost = 10;

    public async Task ApplyAsync(int templateId, string newSchemaJson, CancellationToken cancellationToken)
    {
        var integrations = await db.Integrations.Where(i => i.IntegrationTemplateId == templateId).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var misfits = new List<string>();
        var updates = new List<(Domain.Integrations.Integration Integration, IntegrationConfigEditor.Result Config)>();
        foreach (var integration in integrations)
        {
            var (config, errors) = configEditor.Revalidate(newSchemaJson, integration.ConfigJson, integration.SubAccountId, integration.SecretScope);
            if (config is null)
            {
                misfits.Add($"#{integration.Id} '{integration.Name}' ({string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))})");
            }
            else
            {
                updates.Add((integration, config));
            }
        }

        if (misfits.Count > 0)
        {
            var named = string.Join(", ", misfits.Take(NamedAtMost)) + (misfits.Count > NamedAtMost ? $" and {misfits.Count - NamedAtMost} more" : "");
            throw new ConflictException($"The new configSchema does not fit {misfits.Count} integration(s) that use this template: {named}. " +
                "Change those integrations first, or keep the schema compatible.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (integration, config) in updates.Where(u => u.Config.StoredJson != u.Integration.ConfigJson))
        {
            integration.ReplaceConfig(config.StoredJson, config.ExternalAccountId, now);
        }
    }
}
