namespace IntegrationHub.Application.Templates;

public sealed record ListTemplatesQuery : IQuery<IReadOnlyList<TemplateDto>>;

public sealed class ListTemplatesHandler(IAppDbContext db, IIntegrationUsage usage) : IQueryHandler<ListTemplatesQuery, IReadOnlyList<TemplateDto>>
{
    public async ValueTask<IReadOnlyList<TemplateDto>> Handle(ListTemplatesQuery query, CancellationToken cancellationToken)
    {
        var templates = await db.IntegrationTemplates.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var counts = await usage.CountByTemplateAsync(cancellationToken);
        return templates.Select(t => TemplateDto.From(t, counts.GetValueOrDefault(t.Id))).ToList();
    }
}
