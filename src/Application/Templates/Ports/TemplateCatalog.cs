using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Templates;

/// <summary>What other modules may know of a template: enough to build, label and validate what is made from it.</summary>
public sealed record TemplateSummary
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required IntegrationKind Kind { get; init; }
    public required bool IsActive { get; init; }
    public required string ConfigSchema { get; init; }
}

/// <summary>Templates' published read surface: the only way another module learns about templates.</summary>
public interface ITemplateCatalog
{
    Task<TemplateSummary?> FindAsync(int templateId, CancellationToken cancellationToken);

    /// <summary>Every template as a query, to join or filter in the asker's own query (one round trip).</summary>
    IQueryable<TemplateSummary> All { get; }
}

public sealed class TemplateCatalog(IAppDbContext db) : ITemplateCatalog
{
    public IQueryable<TemplateSummary> All => Query(db);

    public Task<TemplateSummary?> FindAsync(int templateId, CancellationToken cancellationToken) =>
        All.SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken);

    /// <summary>For static helpers that hold only the unit of work.</summary>
    public static IQueryable<TemplateSummary> Query(IAppDbContext db) =>
        db.IntegrationTemplates.AsNoTracking().Select(t => new TemplateSummary
        {
            Id = t.Id, Name = t.Name, Kind = t.Kind, IsActive = t.IsActive, ConfigSchema = t.ConfigSchema,
        });
}
