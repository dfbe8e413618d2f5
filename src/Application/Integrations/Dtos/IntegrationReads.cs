using IntegrationHub.Domain.Integrations;
using MapsterMapper;

namespace IntegrationHub.Application.Integrations;

/// <summary>Integrations as clients read them: secrets masked, with their template's name and kind, in id order.</summary>
internal static class IntegrationReads
{
    public static async Task<IReadOnlyList<IntegrationDto>> ProjectAsync(IAppDbContext db, IMapper mapper, IQueryable<Integration> integrations,
        bool withHealth, CancellationToken cancellationToken)
    {
        var rows = await integrations.AsNoTracking()
            .Join(Templates.TemplateCatalog.Query(db), i => i.IntegrationTemplateId, t => t.Id, (i, t) => new { Integration = i, t.Name, t.Kind })
            .OrderBy(r => r.Integration.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(r => IntegrationDto.For(mapper, r.Integration, new TemplateLabel(r.Name, r.Kind), withHealth)).ToList();
    }
}
