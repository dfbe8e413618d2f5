using IntegrationHub.Application.Access;

namespace IntegrationHub.Application.Integrations;

/// <summary>A deleted admin's integrations stay; they no longer say who created them.</summary>
public sealed class ForgetIntegrationCreator(IAppDbContext db) : INotificationHandler<AdminDeleting>
{
    public async ValueTask Handle(AdminDeleting notification, CancellationToken cancellationToken) =>
        await db.Integrations.Where(i => i.CreatedByAdminId == notification.AdminId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedByAdminId, (int?)null), cancellationToken);
}
