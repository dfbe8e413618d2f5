using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// Webhooks are routed by location id, so one location belongs to one integration (the database's unique index holds
/// it under races; this check gives the clear answer).
/// </summary>
internal static class IntegrationLocations
{
    public static async Task EnsureFreeAsync(IAppDbContext db, string? locationId, int? self, CancellationToken cancellationToken)
    {
        if (locationId is null)
        {
            return;
        }

        var holder = await db.Integrations.WithSpecification(new IntegrationsByLocationSpec(locationId, except: self))
            .Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
        if (holder is { } other)
        {
            throw new ConflictException($"The location '{locationId}' is already connected by integration {other}: " +
                "webhooks are routed by location, so a location can belong to one integration only.");
        }
    }
}
