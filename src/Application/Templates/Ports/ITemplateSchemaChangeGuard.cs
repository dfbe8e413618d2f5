namespace IntegrationHub.Application.Templates;

/// <summary>
/// Asked before a template's config schema changes. The module that stores configs built from the template
/// (Integrations) implements it: it refuses a change that would expose a stored secret or leave a config invalid,
/// and brings the stored configs up to the new schema. Templates itself knows nothing of integrations.
/// </summary>
public interface ITemplateSchemaChangeGuard
{
    /// <summary>Stages the updated configs; the caller saves them with the template.</summary>
    /// <exception cref="Common.Exceptions.ConflictException">Integrations use the template and the new schema does not fit them.</exception>
    Task ApplyAsync(int templateId, string newSchemaJson, CancellationToken cancellationToken);
}
