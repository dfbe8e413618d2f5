using IntegrationHub.Application.Tenancy;

namespace IntegrationHub.Application.Leads;

/// <summary>A deleted user's leads stay with the sub-account (they are the tenant's records), no longer assigned to anyone.</summary>
public sealed class UnassignLeadsOfDeletedUser(IAppDbContext db) : INotificationHandler<UserDeleting>
{
    public async ValueTask Handle(UserDeleting notification, CancellationToken cancellationToken)
    {
        var strategies = notification.StrategyIds.Select(id => (int?)id).ToList();
        await db.Leads.Where(l => l.RegularUserId == notification.UserId || strategies.Contains(l.StrategyId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RegularUserId, (int?)null).SetProperty(l => l.StrategyId, (int?)null), cancellationToken);
    }
}
