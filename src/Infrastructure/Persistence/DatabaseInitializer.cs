using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Access;
using IntegrationHub.Domain.Templates;
using IntegrationHub.Infrastructure.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>At start: apply migrations, seed the default templates and make sure an admin exists.</summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    IAccessTokens tokens,
    IOptions<IntegrationHubOptions> options,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    /// <exception cref="StorageUnavailableException">The database cannot be opened or reached.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InitializeCoreAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException ex)
        {
            // The provider's message says what failed (file cannot be opened, server not found, login failed) and never
            // carries the connection string's password.
            throw new StorageUnavailableException($"The database cannot be used ({db.Database.ProviderName}): {ex.Message.TrimEnd('.')}. " +
                "Check ConnectionStrings:IntegrationHub and IntegrationHub:DataDirectory.");
        }
    }

    private async Task InitializeCoreAsync(CancellationToken cancellationToken)
    {
        var dataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        var sqlite = db.Database.IsSqlite();
        if (sqlite && db.Database.GetConnectionString()?.Contains(Path.Combine(dataDirectory, "integrationhub.db"), StringComparison.Ordinal) == true)
        {
            DataDirectory.CreateDatabaseFile(dataDirectory, "integrationhub.db");
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (sqlite)
        {
            DataDirectory.CreateDatabaseFile(dataDirectory, "hangfire.db"); // before Hangfire opens it, after the database proved usable
        }

        if (db.Database.IsSqlite())
        {
            // WAL lets readers and the writer work at once; NORMAL sync survives a process crash.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await SeedTemplatesAsync(cancellationToken);
        await EnsureAdminAsync(cancellationToken);
        if (sqlite)
        {
            await FailInterruptedSyncRunsAsync(cancellationToken);
        }

        DataDirectory.RestrictFiles(dataDirectory);
    }

    /// <summary>
    /// The embedded database has one instance, so when it starts no sync run can still be running: a run marked running
    /// was cut off by a crash or a kill. It ends failed, instead of staying "running" and blocking every later sync.
    /// (With a shared database the job itself notices when Hangfire runs it again: <c>ContactSyncJob</c>.)
    /// </summary>
    private async Task FailInterruptedSyncRunsAsync(CancellationToken cancellationToken)
    {
        var interrupted = await db.SyncRuns.Where(r => r.Status == Domain.Integrations.SyncRunStatus.Running).ToListAsync(cancellationToken);
        foreach (var run in interrupted)
        {
            run.Fail(Domain.Integrations.SyncRun.InterruptedError, clock.GetUtcNow().UtcDateTime);
        }

        if (interrupted.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("{Count} contact sync runs were cut off by the last stop; they are marked failed.", interrupted.Count);
        }
    }

    private async Task SeedTemplatesAsync(CancellationToken cancellationToken)
    {
        var existing = await db.IntegrationTemplates.Select(t => t.Name).ToListAsync(cancellationToken);
        if (existing.Count > 0)
        {
            // Seeded only on first start: an admin may have deleted or renamed defaults since.
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (name, kind, details) in DefaultTemplates.All)
        {
            db.IntegrationTemplates.Add(IntegrationTemplate.Create(name, details, null, now, kind));
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {Count} default integration templates", DefaultTemplates.All.Count);
    }

    private async Task EnsureAdminAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Auth.BootstrapAdminToken;
        if (await db.AdminUsers.AnyAsync(cancellationToken))
        {
            var configuredHash = string.IsNullOrWhiteSpace(configured) ? null : tokens.Hash(configured);
            if (configuredHash is not null && !await db.AdminUsers.AnyAsync(a => a.TokenHash == configuredHash, cancellationToken))
            {
                // Without this line the README's order (set the token, start, call) ends in a puzzling 401.
                logger.LogWarning("IntegrationHub:Auth:BootstrapAdminToken is ignored: admins already exist in this database and none " +
                    "has that token. It is used only on the first start; use an existing admin's token, or a fresh data folder");
            }

            return;
        }

        var token = string.IsNullOrWhiteSpace(configured) ? tokens.Issue().Token : configured;
        db.AdminUsers.Add(AdminUser.Create("admin@localhost", "Bootstrap admin", tokens.Hash(token), clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);

        if (string.IsNullOrWhiteSpace(configured))
        {
            // Shown this once, so the operator can make the first calls; only its hash is stored.
            logger.LogWarning("Created the bootstrap admin. Its token, shown only now: {BootstrapAdminToken}", token);
        }
        else
        {
            logger.LogInformation("Created the bootstrap admin from IntegrationHub:Auth:BootstrapAdminToken");
        }
    }
}
