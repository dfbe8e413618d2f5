using IntegrationHub.Domain.Access;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Templates;
using IntegrationHub.Domain.Tenancy;

namespace IntegrationHub.Application.Common.Interfaces;

/// <summary>The unit of work handlers use; implemented by EF Core in Infrastructure.</summary>
public interface IAppDbContext
{
    DbSet<AdminUser> AdminUsers { get; }
    DbSet<AdminSession> AdminSessions { get; }
    DbSet<SubAccount> SubAccounts { get; }
    DbSet<User> Users { get; }
    DbSet<Strategy> Strategies { get; }
    DbSet<Lead> Leads { get; }
    DbSet<LeadMessage> LeadMessages { get; }
    DbSet<IntegrationTemplate> IntegrationTemplates { get; }
    DbSet<Integration> Integrations { get; }
    DbSet<SyncRun> SyncRuns { get; }
    DbSet<IntegrationAlert> IntegrationAlerts { get; }
    DbSet<Domain.Webhooks.WebhookEvent> WebhookEvents { get; }
    DbSet<Domain.Outbound.OutboundOperation> OutboundOperations { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets every staged change (after a failed unit of work, before recording the failure).</summary>
    void DiscardChanges();

    /// <summary>
    /// Tracks entities that were read without tracking (as unchanged, with their loaded children), so a unit of work
    /// that changes a few of many entities at a time scans only those on each save.
    /// </summary>
    void Track(IEnumerable<object> entities);

    /// <summary>Stops tracking entities the unit of work is done with (saved), so its later saves do not scan them again.</summary>
    void Untrack(IEnumerable<object> entities);
}
