using System.Diagnostics.Metrics;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Infrastructure.Observability;

/// <summary>
/// Gauges read from the database when metrics are collected (a scrape, an export): the processing backlog and the
/// integrations by status. Two indexed counts per collection, so every instance on a shared database reports the same
/// totals; a failed read reports nothing rather than a wrong zero.
/// </summary>
public sealed class DatabaseGauges
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<DatabaseGauges> _logger;

    public DatabaseGauges(IMeterFactory meters, IServiceScopeFactory scopes, ILogger<DatabaseGauges> logger)
    {
        _scopes = scopes;
        _logger = logger;
        var meter = meters.Create(HubTelemetry.MeterName);
        meter.CreateObservableGauge("integrationhub.webhooks.pending", PendingEvents, "{event}",
            "Stored webhook events waiting to be processed (received, or a retry scheduled).");
        meter.CreateObservableGauge("integrationhub.integrations", IntegrationsByStatus, "{integration}",
            "Integrations by status (pending, active, error, disconnected).");
    }

    private IEnumerable<Measurement<long>> PendingEvents() => Read(db =>
    [
        new Measurement<long>(db.WebhookEvents.LongCount(e => e.Status == WebhookEventStatus.Received || e.Status == WebhookEventStatus.RetryScheduled)),
    ]);

    private IEnumerable<Measurement<long>> IntegrationsByStatus() => Read(db =>
    {
        var counts = db.Integrations.AsNoTracking().GroupBy(i => i.Status).Select(g => new { Status = g.Key, Count = g.LongCount() })
            .ToDictionary(g => g.Status, g => g.Count);
        // Every status, zeros included: a dashboard's "errors" line must read 0, not vanish.
        return Enum.GetValues<IntegrationStatus>().Select(status => new Measurement<long>(counts.GetValueOrDefault(status),
            new KeyValuePair<string, object?>("status", status.ToApiName()))).ToList();
    });

    private IEnumerable<Measurement<long>> Read(Func<IAppDbContext, IEnumerable<Measurement<long>>> query)
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
