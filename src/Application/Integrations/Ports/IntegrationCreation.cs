using System.Text.Json;
using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// How an integration comes into being, for the create route and for the modules that create one on an admin's behalf
/// (GoHighLevel's "Connect"): the template must be active, the config is validated and its secrets encrypted, and its
/// location must be free. The new integration is staged; the caller saves.
/// </summary>
public sealed class IntegrationCreation(IAppDbContext db, ITemplateCatalog templates, IntegrationConfigEditor configEditor, TimeProvider clock)
{
    /// <summary>The active template of the kind a connector creates integrations from (the oldest, if an admin made others).</summary>
    public async Task<TemplateSummary> ActiveTemplateOfKindAsync(IntegrationKind kind, CancellationToken cancellationToken) =>
        await templates.All.Where(t => t.Kind == kind && t.IsActive).OrderBy(t => t.Id).FirstOrDefaultAsync(cancellationToken)
        ?? throw new ConflictException($"No active {kind} template exists to create the integration from; activate one first.");

    /// <summary>The integration that holds this location, tracked; null when none does.</summary>
    public Task<Integration?> HolderOfLocationAsync(string locationId, CancellationToken cancellationToken) =>
        db.Integrations.WithSpecification(new IntegrationsByLocationSpec(locationId)).FirstOrDefaultAsync(cancellationToken);

    /// <param name="createdByAdminId">The admin it is created for (the caller, or the admin who started a connect).</param>
    public async Task<Integration> StageAsync(int subAccountId, TemplateSummary template, string name, string? description, JsonElement? config,
        int? createdByAdminId, CancellationToken cancellationToken)
    {
        if (!template.IsActive)
        {
            throw new ConflictException($"The template '{template.Name}' is not active; integrations cannot be created from it.");
        }

        var secretScope = Guid.NewGuid().ToString("N");
        var stored = configEditor.Apply(template.ConfigSchema, null, config, subAccountId, secretScope);
        await IntegrationLocations.EnsureFreeAsync(db, stored.ExternalAccountId, null, cancellationToken);
        var integration = Integration.Create(subAccountId, template.Id, secretScope, name, description,
            stored.StoredJson, stored.ExternalAccountId, createdByAdminId, clock.GetUtcNow().UtcDateTime);
        db.Integrations.Add(integration);
        return integration;
    }
}
