using System.Diagnostics.Metrics;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.Common.Observability;

/// <summary>Outbound operations' tries by kind and the status each ended in (succeeded, pending for a retry, failed, waiting, cancelled).</summary>
public sealed class OutboundMetrics
{
    /// <summary>Tries by <c>outcome</c>: read by the console's overview too.</summary>
    public const string TriesInstrument = "integrationhub.outbound.operations";

    private readonly Counter<long> _tries;

    public OutboundMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(HubTelemetry.MeterName);
        _tries = meter.CreateCounter<long>(TriesInstrument, "{try}",
            "Outbound operation tries by kind (contact.create, alert, ...) and outcome: the status the try left it in.");
    }

    public void Completed(OutboundKind kind, OutboundStatus status) =>
        _tries.Add(1, new KeyValuePair<string, object?>("kind", kind.ToApiName()), new KeyValuePair<string, object?>("outcome", status.ToApiName()));
}
