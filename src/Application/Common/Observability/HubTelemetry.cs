using System.Diagnostics;

namespace IntegrationHub.Application.Common.Observability;

/// <summary>
/// The names operators find the hub's telemetry under: one meter (series prefixed <c>integrationhub.</c>, shown by
/// Prometheus as <c>integrationhub_...</c>) and one activity source for the hub's own spans.
/// </summary>
public static class HubTelemetry
{
    public const string MeterName = "IntegrationHub";
    public const string ActivitySourceName = "IntegrationHub";

    /// <summary>Spans of the hub's own work (webhook processing, GoHighLevel calls); null activities when nobody listens.</summary>
    public static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>
    /// Tag values a sender chose (an event type) are kept only when the hub knows them, so a signed sender cannot
    /// create new series at will.
    /// </summary>
    public const string Other = "other";
}
