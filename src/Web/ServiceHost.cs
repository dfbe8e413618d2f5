using System.Text.Json.Serialization;
using IntegrationHub.Application;
using IntegrationHub.Application.Common.Behaviors;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Infrastructure;
using Hangfire;
using IntegrationHub.Infrastructure.Jobs;
using IntegrationHub.Infrastructure.Options;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Infrastructure.Security;
using IntegrationHub.Web.AdminConsole;
using IntegrationHub.Web.Auth;
using IntegrationHub.Web.Endpoints;
using IntegrationHub.Web.Errors;
using IntegrationHub.Web.Infrastructure;
using IntegrationHub.Web.Infrastructure.Observability;
using IntegrationHub.Web.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace IntegrationHub.Web;

/// <summary>Composes and runs the service: settings checked, database ready, endpoints and jobs mapped.</summary>
internal static class ServiceHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        // SQLite calls block their thread (Microsoft.Data.Sqlite's async is synchronous underneath). With the default
        // minimum of one thread per core, a burst of requests starves the pool and every await waits for the slow
        // thread injection; a larger floor keeps latency flat. Measured in docs/benchmarks.md.
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, 32), Math.Max(minIo, 32));

        LaunchEnvironment.ApplyFallback();

        // The content root is the app's own folder (appsettings.json beside the binaries), whatever the working directory:
        // `dotnet run --project src/Web` runs in the caller's folder, so relative paths (the data folder) land where the
        // README says. ASPNETCORE_CONTENTROOT or --contentRoot still win.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot() });
        if (ArchiveCommands.IsArchiveCommand(args))
        {
            // Before anything opens the data folder: a restore needs it empty, and a backup takes the hub as it is
            // (nothing migrated, no key generated).
            return await ArchiveCommands.RunAsync(args, builder.Configuration);
        }

        builder.AddHubObservability();
        builder.Logging.AddFilter(StartupFailure.HostLogCategory, LogLevel.Critical);
        // The console's cookie keys sit in the owner-only data folder; the warning that they are stored unencrypted
        // there would greet every start and say nothing an operator can act on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        ListenAddresses.ApplyDefault(builder);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            // Kestrel reads its options before the settings are validated; an out-of-range value is reported by that check.
            var maxBodyBytes = context.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>()?.MaxBodyBytes ?? 1_048_576;
            kestrel.Limits.MaxRequestBodySize = maxBodyBytes > 0 ? maxBodyBytes : 1_048_576;
        });

        builder.Services.AddApplication();
        builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
        builder.Services.AddMediator(options =>
        {
            // Handlers use the scoped DbContext, so the mediator must be scoped too.
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(AuditBehavior<,>)];
        });

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ConsolePrincipal>();
        builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
        builder.Services.AddScoped<IPublicUrls, PublicUrls>();
        builder.Services.AddAuthentication(Principals.Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(Principals.Scheme, null)
            .AddAdminConsoleAuthentication(builder.Services, ConsoleDataDirectory(builder.Configuration));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Principals.AdminPolicy, p => p.RequireClaim(Principals.RoleClaim, Principals.AdminRole))
            .AddPolicy(Principals.TenantUserPolicy, p => p.RequireClaim(Principals.RoleClaim, Principals.TenantRole))
            .AddPolicy(ConsoleAuthentication.Policy, p => p.AddAuthenticationSchemes(ConsoleAuthentication.Scheme)
                .RequireClaim(Principals.RoleClaim, Principals.AdminRole));
        builder.Services.AddAdminConsole();

        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<ErrorCatalogue>();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Body binding failures throw, so the exception handler can answer them with problem details.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.Converters.Add(new RequestText());
            o.SerializerOptions.Converters.Add(new RequestDateTimeOffset());
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
            // Numbers are JSON numbers: "5" is not an integer (and the API description says integer, not integer-or-string).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddHubOpenApi();

        var app = builder.Build();

        // Bad settings and a missing or malformed encryption key stop the service here, before anything is written
        // (the first admin's token, printed once, must not be printed by a start that then fails).
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        app.Services.GetRequiredService<EncryptionKeyRing>();
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        }

        var keyProblems = await KeyRingSelfCheck.ProblemsAsync(app.Services, args);
        if (keyProblems.Count > 0)
        {
            foreach (var line in keyProblems)
            {
                Console.Error.WriteLine(line);
            }

            return 1;
        }

        if (KeyCommands.IsKeysCommand(args))
        {
            return await KeyCommands.ReencryptAsync(app.Services);
        }

        app.UseShutdownDrain();
        app.UseExceptionHandler();
        app.UseOversizedBodyAnswer();
        app.UseStatusCodePages();
        // Routing after the error pages: an endpoint that skips the rest of the pipeline (the webhook) still has them.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAdminConsoleSessions();
        app.UseAntiforgery();

        // Every route states who may call it (the access matrix test reads this): these are public on purpose.
        // Health checks answer any method unless told otherwise; they are read-only, so other methods are 405.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().WithMetadata(ReadOnly);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous()
            .WithMetadata(ReadOnly);
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapHubMetrics();
        app.MapEndpointGroups();
        app.MapAdminConsole();
        if (app.Configuration.GetValue<bool>("IntegrationHub:Benchmark:BareEndpoint"))
        {
            // The benchmark's baseline: the same server and pipeline, doing no work (bench/run.sh turns it on).
            app.MapPost("/bench/bare", () => Results.Ok()).AllowAnonymous().ExcludeFromDescription();
        }

        app.MapHangfireDashboard(BearerTokenHandler.DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new HangfireDashboardAuthorization()],
            DashboardTitle = "IntegrationHub jobs",
        });
        // Once everything is mapped: unknown paths are 404 and wrong methods 405 (see FileFallbackRemoval).
        app.RemoveFileFallback();
        RecurringJobs.Register(app.Services);

        try
        {
            await app.RunAsync();
        }
        catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The shutdown timeout ran out while a background job was still stopping. The stop itself was asked for and
            // done; Hangfire runs an unfinished job again later, so this is worth a line, not a crash.
            Console.Error.WriteLine("IntegrationHub stopped before every background job had ended; unfinished jobs run again later.");
        }

        return 0;
    }

    private static readonly HttpMethodMetadata ReadOnly = new([HttpMethods.Get, HttpMethods.Head]);

    // The settings check reports a bad folder later with its own words; here any usable path will do.
    private static string ConsoleDataDirectory(IConfiguration configuration) =>
        DataDirectory.Prepare(configuration[DataDirectory.Setting] is { Length: > 0 } folder ? folder : "data");

    private static string? ContentRoot() =>
        Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 } ? null : AppContext.BaseDirectory;
}
