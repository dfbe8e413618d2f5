using IntegrationHub.Infrastructure.Options;
using Microsoft.Extensions.Logging.Console;

namespace IntegrationHub.Web.Infrastructure.Observability;

/// <summary>
/// The console log: one readable line per entry for people (the default), or JSON lines for log shippers
/// (<c>IntegrationHub:Logging:Format=json</c>) with the trace and span ids of the work that wrote them.
/// </summary>
internal static class ConsoleLogFormat
{
    public const string Setting = "IntegrationHub:Logging:Format";

    public static void Apply(WebApplicationBuilder builder)
    {
        // Every entry carries the current trace: the JSON lines show it, and OTLP log export links entries to their spans.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        switch (builder.Configuration[Setting]?.Trim().ToLowerInvariant())
        {
            case null or "" or "text":
                builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
                builder.Logging.AddConsoleFormatter<TerminalSafeConsoleFormatter, ConsoleFormatterOptions>();
                builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = TerminalSafeConsoleFormatter.FormatterName);
                break;
            case "json":
                builder.Logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                });
                break;
            default:
                throw new InvalidSettingException($"{Setting} must be text or json.");
        }
    }
}
