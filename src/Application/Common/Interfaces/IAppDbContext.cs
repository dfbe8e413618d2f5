using IntegrationHub.Domain.Access;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Templates;
using IntegrationHub.Domain.Tenancy;

namespace IntegrationHub.Application.Common.Interfaces;

/// <summary>
/// The unit of work handlers use: the tables and the save, nothing of the change tracker (the webhook processor's
/// chunked tracking is <c>Webhooks.IWebhookUnitOfWork</c>). Implemented by EF Core in Infrastructure. Each table
/// belongs to one module (ADR 0005); the others ask it through its ports.
/// </summary>
public interface IAppDbContext
{
    DbSet<AdminUser> AdminUsers { get; }
    DbSet<AdminSession> AdminSessions { get; }
    DbSet<SubAccount> SubAccounts { get; }
    DbSet<User> Users { get; }
    DbSet<Strategy> Strategies { get; }
    DbSet<Lead> Leads { get; }
    DbSet<LeadMessage> LeadMessages { get; }
    DbSet<LeadTag> LeadTags { get; }
    DbSet<Booking> Bookings { get; }
    DbSet<IntegrationTemplate> IntegrationTemplates { get; }
    DbSet<Integration> Integrations { get; }
    DbSet<SyncRun> SyncRuns { get; }
    DbSet<IntegrationAlert> IntegrationAlerts { get; }
    DbSet<Domain.Webhooks.WebhookEvent> WebhookEvents { get; }
    DbSet<Domain.Outbound.OutboundOperation> OutboundOperations { get; }
    DbSet<Domain.Audit.AuditEntry> AuditEntries { get; }
    DbSet<GhlConnectState> GhlConnectStates { get; }
    DbSet<GhlInstallation> GhlInstallations { get; }
    DbSet<GhlInstallationLocation> GhlInstallationLocations { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
