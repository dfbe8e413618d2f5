namespace IntegrationHub.Application.Templates;

public sealed record GetTemplateQuery(int Id) : IQuery<TemplateDto>;

public sealed class GetTemplateHandler(IAppDbContext db, IIntegrationUsage usage) : IQueryHandler<GetTemplateQuery, TemplateDto>
{
    public async ValueTask<TemplateDto> Handle(GetTemplateQuery query, CancellationToken cancellationToken)
    {
        var template = await db.IntegrationTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Integration template", query.Id);
        return TemplateDto.From(template, await usage.CountForTemplateAsync(template.Id, cancellationToken));
    }
}
