using IntegrationHub.Application.Access;

namespace IntegrationHub.Application.Templates;

/// <summary>A deleted admin's templates stay; they no longer say who created them.</summary>
public sealed class ForgetTemplateCreator(IAppDbContext db) : INotificationHandler<AdminDeleting>
{
    public async ValueTask Handle(AdminDeleting notification, CancellationToken cancellationToken) =>
        await db.IntegrationTemplates.Where(t => t.CreatedByAdminId == notification.AdminId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedByAdminId, (int?)null), cancellationToken);
}
