using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Access;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Templates;
using IntegrationHub.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>
/// The one EF Core model. Each provider has a subclass so that each keeps its own migrations set
/// (<see cref="SqliteAppDbContext"/>, <see cref="SqlServerAppDbContext"/>,
/// <see cref="PostgreSqlAppDbContext"/>).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options), IAppDbContext
{
    public DbSet<AdminUser> AdminUsers => Set<AdminUser>();
    public DbSet<AdminSession> AdminSessions => Set<AdminSession>();
    public DbSet<SubAccount> SubAccounts => Set<SubAccount>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Strategy> Strategies => Set<Strategy>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<LeadMessage> LeadMessages => Set<LeadMessage>();
    public DbSet<LeadTag> LeadTags => Set<LeadTag>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<IntegrationTemplate> IntegrationTemplates => Set<IntegrationTemplate>();
    public DbSet<Integration> Integrations => Set<Integration>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<IntegrationAlert> IntegrationAlerts => Set<IntegrationAlert>();
    public DbSet<Domain.Webhooks.WebhookEvent> WebhookEvents => Set<Domain.Webhooks.WebhookEvent>();
    public DbSet<Domain.Outbound.OutboundOperation> OutboundOperations => Set<Domain.Outbound.OutboundOperation>();
    public DbSet<Domain.Audit.AuditEntry> AuditEntries => Set<Domain.Audit.AuditEntry>();
    public DbSet<GhlConnectState> GhlConnectStates => Set<GhlConnectState>();
    public DbSet<GhlInstallation> GhlInstallations => Set<GhlInstallation>();
    public DbSet<GhlInstallationLocation> GhlInstallationLocations => Set<GhlInstallationLocation>();

    /// <summary>Infrastructure's own (raw conditional updates, see GoHighLevel/TokenRefreshLeases): not on IAppDbContext.</summary>
    public DbSet<TokenRefreshLease> TokenRefreshLeases => Set<TokenRefreshLease>();

    private bool _relaxedDurability;

    public async Task UseRelaxedDurabilityAsync(CancellationToken cancellationToken)
    {
        if (_relaxedDurability || !(Database.IsSqlite() || Database.IsNpgsql()))
        {
            return;
        }

        // Kept open for this context, and set back before it returns to the pool (DisposeAsync). PostgreSQL: commits
        // answer before their WAL is flushed (a crash loses at most the last moments of them, never consistency).
        await Database.OpenConnectionAsync(cancellationToken);
        await Database.ExecuteSqlRawAsync(Database.IsSqlite() ? "PRAGMA synchronous=NORMAL;" : "SET synchronous_commit TO OFF;", cancellationToken);
        _relaxedDurability = true;
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
                await Database.ExecuteSqlRawAsync(Database.IsSqlite() ? "PRAGMA synchronous=FULL;" : "RESET synchronous_commit;");
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
}

/// <summary>SQLite: saves take turns at <see cref="SqliteWriteGate"/> (<see cref="SqliteWriteGateInterceptor"/>).</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<SyncRun>().HasIndex(r => r.IntegrationId)
            .HasFilter(Configurations.SyncRunConfiguration.OneActiveRunFilter("[Status]"));
    }
}

public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options);
