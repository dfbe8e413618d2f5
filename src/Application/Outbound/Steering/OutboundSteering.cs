using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.Outbound;

/// <summary>
/// How an admin's retry or cancel is written. The dispatcher claims due operations with a bulk update that a copy read
/// here cannot see, so the change is written only if the operation still has the status it was read with: a pending
/// operation claimed in between is not "cancelled" and then delivered anyway.
/// </summary>
internal static class OutboundSteering
{
    public const string Resource = "Outbound operation";

    public static async Task<OutboundOperation> FindAsync(IAppDbContext db, int id, CancellationToken cancellationToken) =>
        await db.OutboundOperations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
        ?? throw new NotFoundException(Resource, id);

    /// <summary>Writes the operation's new state if its status is still <paramref name="readAs"/>; otherwise a conflict.</summary>
    public static async Task SaveIfStillAsync(IAppDbContext db, OutboundOperation operation, OutboundStatus readAs, CancellationToken cancellationToken)
    {
        var written = await db.OutboundOperations.Where(o => o.Id == operation.Id && o.Status == readAs)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, operation.Status)
                .SetProperty(o => o.NextAttemptAt, operation.NextAttemptAt)
                .SetProperty(o => o.LastError, operation.LastError)
                .SetProperty(o => o.CompletedAt, operation.CompletedAt), cancellationToken);
        if (written == 0)
        {
            throw new ConflictException($"{Resource} {operation.Id} changed while this was being done (it was {readAs.ToApiName()}); read it again.");
        }
    }
}
