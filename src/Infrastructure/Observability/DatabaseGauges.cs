using System.Diagnostics.Metrics;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Infrastructure.Observability;

/// <summary>
/// Gauges read from the database when metrics are collected (a scrape, an export): the processing backlog, the
/// integrations by status, open outbound operations by status and the age of the oldest one not yet delivered. Indexed
/// counts per collection, so every instance on a shared database reports the same totals; a failed read reports
/// nothing rather than a wrong zero.
/// </summary>
public sealed class DatabaseGauges
{
    /// <summary>The inbox backlog: read by the console's overview too.</summary>
    public const string PendingEventsInstrument = "integrationhub.webhooks.pending";

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<DatabaseGauges> _logger;
    private readonly TimeProvider _clock;

    /// <summary>Operations that are not finished: still to run, running, or stopped until an admin acts.</summary>
    private static readonly OutboundStatus[] OpenStatuses =
        [OutboundStatus.Pending, OutboundStatus.Waiting, OutboundStatus.Running, OutboundStatus.Failed, OutboundStatus.Conflict];

    public DatabaseGauges(IMeterFactory meters, IServiceScopeFactory scopes, ILogger<DatabaseGauges> logger, TimeProvider clock)
    {
        _scopes = scopes;
        _logger = logger;
        _clock = clock;
        var meter = meters.Create(HubTelemetry.MeterName);
        meter.CreateObservableGauge(PendingEventsInstrument, PendingEvents, "{event}",
            "Stored webhook events waiting to be processed (received, or a retry scheduled).");
        meter.CreateObservableGauge("integrationhub.integrations", IntegrationsByStatus, "{integration}",
            "Integrations by status (pending, active, error, disconnected).");
        meter.CreateObservableGauge("integrationhub.outbound.operations.open", OpenOperationsByStatus, "{operation}",
            "Outbound operations not finished, by status (pending, waiting, running, failed, conflict).");
        meter.CreateObservableGauge("integrationhub.outbound.oldest_waiting_age", OldestWaitingAge, "s",
            "Seconds since the oldest pending or waiting outbound operation was made; 0 when there is none.");
    }

    private IEnumerable<Measurement<long>> PendingEvents() => Read<long>(db =>
    [
        new Measurement<long>(db.WebhookEvents.LongCount(e => e.Status == WebhookEventStatus.Received || e.Status == WebhookEventStatus.RetryScheduled)),
    ]);

    private IEnumerable<Measurement<long>> IntegrationsByStatus() => Read<long>(db =>
    {
        var counts = db.Integrations.AsNoTracking().GroupBy(i => i.Status).Select(g => new { Status = g.Key, Count = g.LongCount() })
            .ToDictionary(g => g.Status, g => g.Count);
        // Every status, zeros included: a dashboard's "errors" line must read 0, not vanish.
        return Enum.GetValues<IntegrationStatus>().Select(status => new Measurement<long>(counts.GetValueOrDefault(status),
            new KeyValuePair<string, object?>("status", status.ToApiName()))).ToList();
    });

    private IEnumerable<Measurement<long>> OpenOperationsByStatus() => Read<long>(db =>
    {
        var counts = db.OutboundOperations.AsNoTracking().Where(o => OpenStatuses.Contains(o.Status))
            .GroupBy(o => o.Status).Select(g => new { Status = g.Key, Count = g.LongCount() })
            .ToDictionary(g => g.Status, g => g.Count);
        return OpenStatuses.Select(status => new Measurement<long>(counts.GetValueOrDefault(status),
            new KeyValuePair<string, object?>("status", status.ToApiName()))).ToList();
    });

    private IEnumerable<Measurement<double>> OldestWaitingAge() => Read<double>(db =>
    {
        var oldest = db.OutboundOperations.AsNoTracking()
            .Where(o => o.Status == OutboundStatus.Pending || o.Status == OutboundStatus.Waiting)
            .Min(o => (DateTime?)o.CreatedAt);
        var age = oldest is { } createdAt ? Math.Max(0, (_clock.GetUtcNow().UtcDateTime - createdAt).TotalSeconds) : 0;
        return [new Measurement<double>(age)];
    });

    private IEnumerable<Measurement<T>> Read<T>(Func<IAppDbContext, IEnumerable<Measurement<T>>> query)
        where T : struct
    {
        try
        {
            using var scope = _scopes.CreateScope();
            return query(scope.ServiceProvider.GetRequiredService<IAppDbContext>());
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException or System.Data.Common.DbException or ObjectDisposedException)
        {
            _logger.LogDebug("A database gauge could not be read: {Error}", ex.Message);
            return [];
        }
    }
}
