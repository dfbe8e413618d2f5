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
    /// <summary>Set by DI: cached webhook routes to drop when an integration changes.</summary>
    public Application.Webhooks.IWebhookRoutes? WebhookRoutes { get; set; }

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

    private bool _relaxedDurability;

    public async Task UseRelaxedDurabilityAsync(CancellationToken cancellationToken)
    {
        if (Database.IsSqlite() && !_relaxedDurability)
        {
            // Kept open for this context, and set back to FULL before it returns to the pool (DisposeAsync).
            await Database.OpenConnectionAsync(cancellationToken);
            await Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", cancellationToken);
            _relaxedDurability = true;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await RestoreDurabilityAsync();
        await base.DisposeAsync();
    }

    public override void Dispose()
    {
        RestoreDurabilityAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose();
    }

    private async ValueTask RestoreDurabilityAsync()
    {
        if (_relaxedDurability)
        {
            _relaxedDurability = false;
            try
            {
                await Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;");
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
            {
                // The connection is already gone; a new one starts with SQLite's default (FULL) anyway.
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is UTC; SQLite would otherwise hand them back as Kind=Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <summary>The provider's save; SQLite serialises it (see <see cref="SqliteAppDbContext"/>).</summary>
    protected virtual Task<int> SaveCoreAsync(CancellationToken cancellationToken) => base.SaveChangesAsync(true, cancellationToken);

    /// <summary>Saves, then publishes the domain events the saved aggregates raised.</summary>
    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        // One scan of the tracked entities instead of one per Entries() call and another inside the save: with a
        // batch of events tracked, those scans were the most expensive part of processing.
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        List<AggregateRoot> aggregates;
        List<string> changedLocations;
        int result;
        try
        {
            aggregates = ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0).ToList();
            changedLocations = ChangeTracker.Entries<Integration>()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .SelectMany(e => new[] { e.Property(i => i.ExternalAccountId).OriginalValue, e.Entity.ExternalAccountId })
                .OfType<string>().Distinct().ToList();
            result = await SaveCoreAsync(cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        changedLocations.ForEach(location => WebhookRoutes?.Forget(location));
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
    : AppDbContext(options, publisher)
{
    /// <summary>Takes its turn at the process's write gate (see <see cref="SqliteWriteGate"/>).</summary>
    protected override async Task<int> SaveCoreAsync(CancellationToken cancellationToken)
    {
        using var turn = await SqliteWriteGate.EnterAsync(cancellationToken);
        return await base.SaveCoreAsync(cancellationToken);
    }
}

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options, IPublisher? publisher = null)
    : AppDbContext(options, publisher);
