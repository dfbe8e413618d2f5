using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.Templates;

public sealed record ListTemplatesQuery : IQuery<IReadOnlyList<TemplateDto>>;

public sealed record GetTemplateQuery(int Id) : IQuery<TemplateDto>;

public sealed class TemplateQueryHandlers(IAppDbContext db)
    : IQueryHandler<ListTemplatesQuery, IReadOnlyList<TemplateDto>>, IQueryHandler<GetTemplateQuery, TemplateDto>
{
    public async ValueTask<IReadOnlyList<TemplateDto>> Handle(ListTemplatesQuery query, CancellationToken cancellationToken)
    {
        var rows = await db.IntegrationTemplates.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new { Template = t, Count = db.Integrations.Count(i => i.IntegrationTemplateId == t.Id) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => TemplateDto.From(r.Template, r.Count)).ToList();
    }

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
