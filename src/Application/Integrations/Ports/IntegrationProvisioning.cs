using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// How a connector (the GoHighLevel app install) creates an integration for a sub-account without an admin typing its
/// config: the same schema validation, encryption and one-integration-per-location rule as the create route.
/// </summary>
public sealed class IntegrationProvisioning(IAppDbContext db, ITemplateCatalog templates, IntegrationConfigEditor configEditor, TimeProvider clock)
{
    /// <summary>The active template of the kind new integrations are made from (the oldest, if an admin made others).</summary>
    public Task<TemplateSummary?> TemplateOfKindAsync(IntegrationKind kind, CancellationToken cancellationToken) =>
        templates.All.Where(t => t.Kind == kind && t.IsActive).OrderBy(t => t.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The integration that holds this external location (tracked), or null.</summary>
    public Task<Integration?> ByLocationAsync(string locationId, CancellationToken cancellationToken) =>
        db.Integrations.WithSpecification(new IntegrationsByLocationSpec(locationId, except: null)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Stages a new pending integration (the caller saves); a location another integration holds is a conflict.</summary>
    public async Task<Integration> CreateAsync(int subAccountId, TemplateSummary template, string name, JsonObject config, int? adminId,
        CancellationToken cancellationToken)
    {
        var secretScope = Guid.NewGuid().ToString("N");
        var applied = configEditor.Apply(template.ConfigSchema, null, JsonSerializer.SerializeToElement(config), subAccountId, secretScope);
        await IntegrationLocations.EnsureFreeAsync(db, applied.ExternalAccountId, null, cancellationToken);
        var integration = Integration.Create(subAccountId, template.Id, secretScope, name, null, applied.StoredJson, applied.ExternalAccountId,
            adminId, clock.GetUtcNow().UtcDateTime);
        db.Integrations.Add(integration);
        return integration;
    }
}
