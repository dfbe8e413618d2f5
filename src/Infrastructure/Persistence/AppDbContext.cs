using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Access;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Templates;
using IntegrationHub.Domain.Tenancy;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>
/// The one EF Core model. Each provider has a subclass so that each keeps its own migrations set
/// (<see cref="SqliteAppDbContext"/>, <see cref="SqlServerAppDbContext"/>).
/// </summary>
public abstract class AppDbContext(DbContextOptions options, IPublisher? publisher) : DbContext(options), IAppDbContext
{
    public DbSet<AdminUser> AdminUsers => Set<AdminUser>();
    public DbSet<SubAccount> SubAccounts => Set<SubAccount>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Strategy> Strategies => Set<Strategy>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<LeadMessage> LeadMessages => Set<LeadMessage>();
    public DbSet<IntegrationTemplate> IntegrationTemplates => Set<IntegrationTemplate>();
    public DbSet<Integration> Integrations => Set<Integration>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<Domain.Webhooks.WebhookEvent> WebhookEvents => Set<Domain.Webhooks.WebhookEvent>();

    public void DiscardChanges() => ChangeTracker.Clear();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is UTC; SQLite would otherwise hand them back as Kind=Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <summary>Saves, then publishes the domain events the saved aggregates raised.</summary>
    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        var aggregates = ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity)
            .Where(a => a.DomainEvents.Count > 0).ToList();
        var result = await base.SaveChangesAsync(cancellationToken);
        if (publisher is null)
        {
            return result;
        }

        foreach (var aggregate in aggregates)
        {
            var events = aggregate.DomainEvents.ToList();
            aggregate.ClearDomainEvents();
            foreach (var domainEvent in events)
            {
                await publisher.Publish(domainEvent, cancellationToken);
            }
        }

        return result;
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, IPublisher? publisher = null)
    : AppDbContext(options, publisher);

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options, IPublisher? publisher = null)
    : AppDbContext(options, publisher);
