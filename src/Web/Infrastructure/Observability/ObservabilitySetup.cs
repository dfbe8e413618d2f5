using System.Diagnostics;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Infrastructure.Observability;
using IntegrationHub.Infrastructure.Options;
using IntegrationHub.Web.Auth;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IntegrationHub.Web.Infrastructure.Observability;

/// <summary>
/// OpenTelemetry for the hub: its own meter and spans plus ASP.NET Core, HttpClient and runtime instrumentation,
/// scraped at <c>GET /metrics</c> (admins) and exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";
    public const string EnabledSetting = "IntegrationHub:Observability:Enabled";
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>On unless switched off (true by default); anything but true or false is a bad setting.</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration[EnabledSetting] switch
    {
        null or "" => true,
        var text when bool.TryParse(text, out var enabled) => enabled,
        _ => throw new InvalidSettingException($"{EnabledSetting} must be true or false."),
    };

    public static void AddHubObservability(this WebApplicationBuilder builder)
    {
        ConsoleLogFormat.Apply(builder);
        AddRecentMetrics(builder);
        if (!IsEnabled(builder.Configuration))
        {
            return; // the benchmark's baseline, or an operator who wants none of it
        }

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("integrationhub"))
            .WithMetrics(metrics => metrics
                .AddMeter(HubTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Every scrape reads the current values: a cached answer would hide the last few seconds from a test or an operator.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        if (otlp)
        {
            // Spans are recorded only when something exports them: recorded for nobody, they cost every request CPU for
            // nothing (docs/performance-notes.md). Without an exporter requests still have trace ids (ASP.NET Core starts
            // an activity per request) and processing continues them, so log lines carry them all the same.
            // The standard OTEL_EXPORTER_OTLP_* variables configure the exporter, for all three signals.
            telemetry.WithTracing(tracing => tracing
                    .AddSource(HubTelemetry.ActivitySourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsQuietPath(http.Request.Path))
                    .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = _ => IsGoHighLevelCall(Activity.Current)))
                .WithLogging()
                .UseOtlpExporter();
        }
    }

    /// <summary>
    /// The console overview's per-interval samples of this instance's instruments; with metrics switched off there is
    /// nothing to hear, and the overview says so.
    /// </summary>
    private static void AddRecentMetrics(WebApplicationBuilder builder)
    {
        var enabled = IsEnabled(builder.Configuration);
        builder.Services.AddOptions<RecentMetricsOptions>().Bind(builder.Configuration.GetSection(RecentMetricsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new RecentMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RecentMetricsOptions>>(), sp.GetRequiredService<TimeProvider>(), listen: enabled));
        if (enabled)
        {
            builder.Services.AddHostedService<RecentMetricsSampler>();
        }
    }

    public static void MapHubMetrics(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return;
        }

        // Instruments exist once their owners are created: all of them now, so the first scrape already lists every gauge.
        app.Services.GetRequiredService<DatabaseGauges>();
        app.Services.GetRequiredService<WebhookMetrics>();
        app.Services.GetRequiredService<IntegrationMetrics>();
        app.Services.GetRequiredService<IntegrationHub.Infrastructure.GoHighLevel.LocationCircuitBreakers>();
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Principals.AdminPolicy);
    }

    // Outgoing HTTP is traced under the hub's GoHighLevel spans only: other URLs may carry a secret in their path (an alert
    // webhook such as Slack's is one), and a span records the whole URL.
    private static bool IsGoHighLevelCall(Activity? request) =>
        request?.Parent is { } parent && parent.Source.Name == HubTelemetry.ActivitySourceName
        && parent.OperationName.StartsWith("GoHighLevel ", StringComparison.Ordinal);

    // Scrapes and probes every few seconds are not worth a trace each.
    private static bool IsQuietPath(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health");
}
