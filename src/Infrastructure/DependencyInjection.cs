using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Infrastructure.Jobs;
using IntegrationHub.Infrastructure.Options;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "IntegrationHub";

    /// <summary>The audit trail's interceptors around the others: it closes first and opens last (Audit/AuditInterceptor.cs).</summary>
    private static IInterceptor[] Audited(IServiceProvider services, params IInterceptor[] inner)
    {
        var audit = services.GetRequiredService<Audit.AuditInterceptor>();
        return [audit.Close, .. inner, audit.Open];
    }

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        services.AddOptions<IntegrationHubOptions>()
            .Bind(configuration.GetSection(IntegrationHubOptions.Section))
            .ValidateDataAnnotations()
            // Data annotations do not recurse into nested sections, so the nested rule is stated here.
            .Validate(o => o.Auth.BootstrapAdminToken is not { Length: < 24 },
                "IntegrationHub:Auth:BootstrapAdminToken must be at least 24 characters.")
            .ValidateOnStart();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HealthChecksOptions>().Bind(configuration.GetSection(HealthChecksOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(AlertsOptions.Section)).ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        AddOutboundAddressGuard(services, configuration, environment);
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<HealthChecksOptions>, OperationsOptionsValidator>();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AlertsOptions>, OperationsOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var health = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthChecksOptions>>().Value;
            return new Domain.Integrations.HealthPolicy(TimeSpan.FromMinutes(health.IntervalMinutes), health.AlertAfterFailures);
        });

        // Read now (not at first use) because the provider and folder decide which services exist.
        var hub = configuration.GetSection(IntegrationHubOptions.Section).Get<IntegrationHubOptions>() ?? new IntegrationHubOptions();
        if (!Enum.IsDefined(hub.Database.Provider))
        {
            throw new InvalidSettingException($"{DatabaseOptions.ProviderSetting} must be one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        var dataDirectory = DataDirectory.Prepare(hub.DataDirectory);
        // An empty value (an exported but blank variable) means unset: SQLite would otherwise open a temporary database.
        var configured = configuration.GetConnectionString(ConnectionStringName);
        var connectionString = string.IsNullOrWhiteSpace(configured) ? null : configured;

        if (hub.Database.Provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidSettingException(
                $"ConnectionStrings:IntegrationHub is required when IntegrationHub:Database:Provider is {hub.Database.Provider}.");
        }

        switch (hub.Database.Provider)
        {
            case DatabaseProvider.SqlServer:
                // No retrying execution strategy: it refuses the transaction the audit trail writes its rows in
                // (Audit/AuditInterceptor.cs); a transient fault is a 503 the caller retries.
                services.AddDbContext<SqlServerAppDbContext>((sp, o) => o.UseSqlServer(connectionString)
                    .AddInterceptors(Audited(sp, sp.GetRequiredService<DomainEventsInterceptor>())));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqlServerAppDbContext>());
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<PostgreSqlAppDbContext>((sp, o) => o.UseNpgsql(connectionString)
                    .AddInterceptors(Audited(sp, sp.GetRequiredService<DomainEventsInterceptor>())));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgreSqlAppDbContext>());
                break;
            default:
                connectionString ??= $"Data Source={Path.Combine(dataDirectory, "integrationhub.db")};Default Timeout=30";
                // The write gate's turn starts after the domain events interceptor's change scan and ends before its handlers
                // run; the audit rows are written inside the turn.
                services.AddDbContext<SqliteAppDbContext>((sp, o) =>
                {
                    var gate = sp.GetRequiredService<SqliteWriteGateInterceptor>();
                    o.UseSqlite(connectionString).AddInterceptors(Audited(sp, gate.EndTurn, sp.GetRequiredService<DomainEventsInterceptor>(), gate.TakeTurn));
                });
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
                break;
        }

        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddSingleton<IUniqueViolations, DatabaseUniqueViolations>();
        services.AddSingleton(new InstanceSharing(Shared: hub.Database.Provider != DatabaseProvider.Sqlite));
        services.AddScoped<DomainEventsInterceptor>();
        services.AddScoped<SqliteWriteGateInterceptor>();
        services.AddScoped<Audit.AuditTrail>();
        services.AddScoped<Application.Common.Auditing.IAuditTrail>(sp => sp.GetRequiredService<Audit.AuditTrail>());
        services.AddScoped<Audit.AuditInterceptor>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<IBatchedDeletes, BatchedDeletes>();
        services.AddScoped<IStorageScrubbing, StorageScrubbing>();
        services.AddScoped<Application.Leads.ILeadSearch, Leads.LeadSearch>();
        services.AddOptions<Leads.LeadsOptions>().Bind(configuration.GetSection(Leads.LeadsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IAccessTokens, AccessTokens>();
        services.AddSingleton(_ => EncryptionKeyRing.Load(
            configuration.GetSection(EncryptionOptions.Section).Get<EncryptionOptions>() ?? new EncryptionOptions(),
            dataDirectory, environment.IsDevelopment()));
        services.AddSingleton<ISecretProtector, AesGcmSecretProtector>();
        services.AddOptions<GoHighLevel.GoHighLevelOptions>()
            .Bind(configuration.GetSection(GoHighLevel.GoHighLevelOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.HasPositiveDurations, GoHighLevel.GoHighLevelOptions.DurationRule)
            .ValidateOnStart();
        services.AddSingleton<GoHighLevel.LocationRateLimiter>();
        services.AddSingleton<GoHighLevel.LocationCircuitBreakers>();
        services.AddSingleton<Application.GoHighLevel.IGoHighLevelGateway, GoHighLevel.GoHighLevelGateway>();
        services.AddOptions<GoHighLevel.GoHighLevelOAuthOptions>()
            .Bind(configuration.GetSection(GoHighLevel.GoHighLevelOAuthOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GoHighLevel.GoHighLevelOAuthOptions>, GoHighLevel.GoHighLevelOAuthOptionsValidator>();
        services.AddSingleton<Application.GoHighLevel.IGhlOAuthApps, GoHighLevel.GhlOAuthApps>();
        services.AddSingleton<GoHighLevel.GhlOAuthClient>();
        services.AddSingleton<Application.GoHighLevel.IGhlOAuthClient>(sp => sp.GetRequiredService<GoHighLevel.GhlOAuthClient>());
        services.AddSingleton<Application.GoHighLevel.IGhlOwnAppTokens>(sp => sp.GetRequiredService<GoHighLevel.GhlOAuthClient>());
        services.AddScoped<Application.GoHighLevel.ITokenRefreshLeases, GoHighLevel.TokenRefreshLeases>();
        services.AddJobs(configuration, hub, dataDirectory, connectionString);

        services.AddOptions<Webhooks.WebhookOptions>()
            .Bind(configuration.GetSection(Webhooks.WebhookOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Webhooks.WebhookOptions>, Webhooks.WebhookOptionsValidator>();
        services.AddSingleton<Application.Webhooks.IWebhookSignatures, Webhooks.WebhookSignatures>();
        services.AddOptions<Outbound.OutboundOptions>().Bind(configuration.GetSection(Outbound.OutboundOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        AddOutbound(services);
        services.AddSingleton<Webhooks.WebhookEventLeases>();
        services.AddSingleton<Webhooks.WebhookDispatcher>();
        services.AddSingleton<Application.Webhooks.IWebhookDispatcher>(sp => sp.GetRequiredService<Webhooks.WebhookDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<Webhooks.WebhookDispatcher>());
        services.AddSingleton<Application.Webhooks.IWebhookRoutes, Webhooks.CachedWebhookRoutes>();
        services.AddSingleton<Webhooks.Rows.ProcessingRowWriters>();
        services.AddScoped<Webhooks.WebhookUnitOfWork>();
        services.AddScoped<Application.Webhooks.IWebhookUnitOfWork>(sp => sp.GetRequiredService<Webhooks.WebhookUnitOfWork>());
        services.AddScoped<Application.Leads.IProcessingRows>(sp => sp.GetRequiredService<Webhooks.WebhookUnitOfWork>());
        services.AddScoped<Application.Webhooks.IWebhookReplays, Webhooks.WebhookReplays>();
        services.AddSingleton<Webhooks.RouteChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<Webhooks.RouteChangeFeed>());
        services.AddSingleton<Webhooks.WebhookInboxWriter>();
        services.AddSingleton<Application.Webhooks.IWebhookInbox>(sp => sp.GetRequiredService<Webhooks.WebhookInboxWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<Webhooks.WebhookInboxWriter>());

        services.AddSingleton<Observability.DatabaseGauges>();
        services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", tags: ["ready"])
            .AddCheck<StoredSecretKeysHealthCheck>("secret-keys", tags: ["ready"]);
        return services;
    }

    /// <summary>The transactional outbox: operations staged with the changes that cause them, and their dispatcher.</summary>
    private static void AddOutbound(IServiceCollection services)
    {
        services.AddScoped<Outbound.OutboxWriter>();
        services.AddSingleton<Outbound.OutboundLeases>();
        services.AddSingleton<Outbound.OutboundDispatcher>();
        services.AddSingleton<Outbound.IOutboundSignal>(sp => sp.GetRequiredService<Outbound.OutboundDispatcher>());
        services.AddSingleton<Application.Outbound.IOutboundWakeUp>(sp => sp.GetRequiredService<Outbound.OutboundDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<Outbound.OutboundDispatcher>());
        services.AddScoped<Outbound.OutboundOutcomes>();
        services.AddScoped<Outbound.AlertWebhookDelivery>();
        services.AddScoped<Application.Outbound.IOutboundDelivery>(sp => sp.GetRequiredService<Outbound.AlertWebhookDelivery>());
        services.AddScoped<Application.Outbound.IAlertWebhook>(sp => sp.GetRequiredService<Outbound.AlertWebhookDelivery>());
        services.AddHttpClient(Outbound.AlertWebhookDelivery.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<Network.GuardedConnections>().CreateHandler());
    }

    /// <summary>
    /// Which addresses the hub may call (<see cref="OutboundTargets"/>) and the connections that hold every HttpClient to
    /// it. Read now: a setting that is not true or false stops the start with one line naming it.
    /// </summary>
    private static void AddOutboundAddressGuard(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var network = configuration.GetSection(NetworkOptions.Section).Get<NetworkOptions>() ?? new NetworkOptions();
        services.AddSingleton(new OutboundTargets(
            allowHttp: network.AllowHttp ?? environment.IsDevelopment(),
            allowPrivateTargets: network.AllowPrivateTargets ?? environment.IsDevelopment()));
        services.AddSingleton<Network.HostResolver>();
        services.AddSingleton<Network.GuardedConnections>();
    }
}
