namespace IntegrationHub.Application.Templates;

public sealed record GetTemplateQuery(int Id) : IQuery<TemplateDto>;

public sealed class GetTemplateHandler(IAppDbContext db) : IQueryHandler<GetTemplateQuery, TemplateDto>
{
    public async ValueTask<TemplateDto> Handle(GetTemplateQuery query, CancellationToken cancellationToken)
    {
        var row = await db.IntegrationTemplates.AsNoTracking()
            .Where(t => t.Id == query.Id)
            .Select(t => new { Template = t, Count = db.Integrations.Count(i => i.IntegrationTemplateId == t.Id) })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Integration template", query.Id);
        return TemplateDto.From(row.Template, row.Count);
    }
}
