namespace IntegrationHub.Application.Templates;

public sealed record ListTemplatesQuery : IQuery<IReadOnlyList<TemplateDto>>;

public sealed class ListTemplatesHandler(IAppDbContext db) : IQueryHandler<ListTemplatesQuery, IReadOnlyList<TemplateDto>>
{
    public async ValueTask<IReadOnlyList<TemplateDto>> Handle(ListTemplatesQuery query, CancellationToken cancellationToken)
    {
        var rows = await db.IntegrationTemplates.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new { Template = t, Count = db.Integrations.Count(i => i.IntegrationTemplateId == t.Id) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => TemplateDto.From(r.Template, r.Count)).ToList();
    }
}
