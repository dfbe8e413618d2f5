using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Infrastructure.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Jobs;

internal static class HangfireSetup
{
    /// <summary>Hangfire storage follows the database provider: a SQLite file beside the database, or
    /// the server database itself (SQL Server, PostgreSQL).</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration,
        IntegrationHubOptions hub, string dataDirectory, string? serverConnectionString)
    {
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (hub.Database.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(serverConnectionString, new SqlServerStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    PrepareSchemaIfNecessary = true,
                });
            }
            else if (hub.Database.Provider == DatabaseProvider.PostgreSql)
            {
                // In the same database (schema "hangfire"): every instance shares its queues, recurring jobs and locks.
                config.UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(serverConnectionString), new PostgreSqlStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    PrepareSchemaIfNecessary = true,
                    // Polling once a second is enough (a job waits at most that long); LISTEN/NOTIFY long polling would
                    // hold a connection per waiting worker on every instance.
                    EnableLongPolling = false,
                });
            }
            else
            {
                config.UseSQLiteStorage(Path.Combine(dataDirectory, "hangfire.db"), new SQLiteStorageOptions
                {
                    // The default 15 s would make a manual sync wait that long to start.
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                });
            }
        });
        services.AddHangfireServer((provider, options) =>
        {
            options.WorkerCount = provider.GetRequiredService<IOptions<JobsOptions>>().Value.WorkerCount;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.ServerName = $"integrationhub-{Environment.MachineName}-{Environment.ProcessId}";
        });
        services.AddScoped<IBackgroundJobs, HangfireBackgroundJobs>();
        services.AddSingleton<ContactSyncScheduler>();
        services.AddSingleton<Application.GoHighLevel.IContactSyncSchedules>(sp => sp.GetRequiredService<ContactSyncScheduler>());
        services.AddSingleton<Application.GoHighLevel.IContactSyncRecurrences>(sp => sp.GetRequiredService<ContactSyncScheduler>());
        services.AddHostedService(sp => sp.GetRequiredService<ContactSyncScheduler>());
        services.AddScoped<HealthSweepJob>();
        services.AddScoped<RetentionJob>();
        services.AddScoped<WebhookJobs>();
        return services;
    }
}
