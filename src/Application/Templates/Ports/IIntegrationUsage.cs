namespace IntegrationHub.Application.Templates;

/// <summary>
/// How many integrations are built from a template. Templates asks (a template in use cannot be deleted; its answer
/// shows the count) but does not read integrations: the module that stores them (Integrations) answers.
/// </summary>
public interface IIntegrationUsage
{
    Task<int> CountForTemplateAsync(int templateId, CancellationToken cancellationToken);

    /// <summary>Template id to the number of integrations built from it (templates without any are absent).</summary>
    Task<IReadOnlyDictionary<int, int>> CountByTemplateAsync(CancellationToken cancellationToken);
}
