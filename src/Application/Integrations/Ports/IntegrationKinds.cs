using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Integrations;

/// <summary>An integration's template as the integration shows it: its name, and its kind, which says what it can do.</summary>
public sealed record TemplateLabel(string Name, IntegrationKind Kind)
{
    public static TemplateLabel Of(TemplateSummary template) => new(template.Name, template.Kind);
}

/// <summary>
/// The one way to ask what an integration can do: its template's <see cref="IntegrationKind"/>, never the template's name
/// (an admin may delete and re-create a template of any name; only the seeded GoHighLevel one has that kind).
/// </summary>
public static class IntegrationKinds
{
    /// <summary>The integrations whose template is of the kind (a query: filter further, project, count).</summary>
    public static IQueryable<Integration> OfKind(this IQueryable<Integration> integrations, IAppDbContext db, IntegrationKind kind)
    {
        var templates = TemplateCatalog.Query(db); // a subquery of the same SQL statement
        return integrations.Where(i => templates.Any(t => t.Id == i.IntegrationTemplateId && t.Kind == kind));
    }

    /// <summary>The name and kind of an integration's template.</summary>
    public static Task<TemplateLabel> TemplateLabelAsync(this IAppDbContext db, Integration integration, CancellationToken cancellationToken) =>
        TemplateCatalog.Query(db).Where(t => t.Id == integration.IntegrationTemplateId)
            .Select(t => new TemplateLabel(t.Name, t.Kind)).SingleAsync(cancellationToken);
}
