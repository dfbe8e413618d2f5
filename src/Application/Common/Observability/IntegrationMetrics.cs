using System.Diagnostics.Metrics;

namespace IntegrationHub.Application.Common.Observability;

/// <summary>Integration health and contact syncs: checks by result, alerts raised, sync runs by result, contacts imported.</summary>
public sealed class IntegrationMetrics
{
    private readonly Counter<long> _healthChecks;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _syncRuns;
    private readonly Counter<long> _contacts;

    public IntegrationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(HubTelemetry.MeterName);
        _healthChecks = meter.CreateCounter<long>("integrationhub.health_checks", "{check}",
            "Connection checks (scheduled sweeps and the test route) by result (success, failure).");
        _alerts = meter.CreateCounter<long>("integrationhub.alerts.raised", "{alert}", "Integration alerts raised, by kind (failing, recovered).");
        _syncRuns = meter.CreateCounter<long>("integrationhub.sync_runs", "{run}",
            "Finished contact sync runs by result (succeeded, failed, interrupted).");
        _contacts = meter.CreateCounter<long>("integrationhub.sync.contacts", "{contact}",
            "Contacts read by contact syncs, by outcome (created, updated, unchanged, failed).");
    }

    public void HealthChecked(bool success) =>
        _healthChecks.Add(1, new KeyValuePair<string, object?>("result", success ? "success" : "failure"));

    public void AlertRaised(string kind) => _alerts.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void SyncRunFinished(string result) => _syncRuns.Add(1, new KeyValuePair<string, object?>("result", result));

    public void ContactsSynced(int created, int updated, int unchanged, int failed)
    {
        Add("created", created);
        Add("updated", updated);
        Add("unchanged", unchanged);
        Add("failed", failed);

        void Add(string outcome, int count)
        {
            if (count > 0)
            {
                _contacts.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
            }
        }
    }
}
