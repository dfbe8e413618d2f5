using IntegrationHub.Domain.Integrations;
using MapsterMapper;

namespace IntegrationHub.Application.Integrations;

/// <summary>Integrations as clients read them: secrets masked, with their template's name, in id order.</summary>
internal static class IntegrationReads
{
    public static async Task<IReadOnlyList<IntegrationDto>> ProjectAsync(IAppDbContext db, IMapper mapper, IQueryable<Integration> integrations,
        bool withHealth, CancellationToken cancellationToken)
    {
        var rows = await integrations.AsNoTracking()
            .OrderBy(i => i.Id)
            .Select(i => new { Integration = i, TemplateName = db.IntegrationTemplates.Where(t => t.Id == i.IntegrationTemplateId).Select(t => t.Name).Single() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => IntegrationDto.For(mapper, r.Integration, r.TemplateName, withHealth)).ToList();
    }
}
