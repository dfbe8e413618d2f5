using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Leads;
using IntegrationHub.Infrastructure.Observability;

namespace IntegrationHub.Web.Endpoints;

/// <summary>
/// The console's overview at a glance, as <c>GET /api/admin/overview</c> answers it: this instance's recent samples
/// (per interval, since it started), leads created per day from the database, the integrations in <c>error</c> with
/// their cause, and the newest alerts.
/// </summary>
public sealed record OverviewDto(
    RecentSamples Recent,
    IReadOnlyList<LeadsOnDay> LeadsPerDay,
    IReadOnlyList<FailingIntegrationDto> FailingIntegrations,
    IReadOnlyList<OverviewAlertDto> LatestAlerts)
{
    public const int AlertsShown = 10;

    /// <summary>The overview from the reads it is made of (the same queries the API's other routes answer with).</summary>
    public static OverviewDto Compose(RecentSamples recent, IReadOnlyList<LeadsOnDay> leadsPerDay, IReadOnlyList<IntegrationDto> integrations,
        IReadOnlyList<AlertDto> alerts)
    {
        var names = integrations.ToDictionary(i => i.Id, i => i.Name);
        return new OverviewDto(
            recent,
            leadsPerDay,
            integrations.Where(i => i.Status == "error").OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase)
                .Select(i => new FailingIntegrationDto(i.Id, i.Name, i.SubAccountId, i.TemplateName, i.ErrorMessage,
                    i.Health?.ConsecutiveFailures ?? 0, i.Health?.LastCheckedAt))
                .ToList(),
            alerts.Take(AlertsShown)
                .Select(a => new OverviewAlertDto(a.Id, a.IntegrationId, names.GetValueOrDefault(a.IntegrationId), a.Kind, a.Message, a.RaisedAt))
                .ToList());
    }
}

/// <summary>An integration whose status is <c>error</c>, and why (the last failure it recorded).</summary>
public sealed record FailingIntegrationDto(int Id, string Name, int SubAccountId, string TemplateName, string? Cause,
    int ConsecutiveFailures, DateTime? LastCheckedAt);

/// <summary>One alert, with its integration's name (null when the integration is gone).</summary>
public sealed record OverviewAlertDto(int Id, int IntegrationId, string? IntegrationName, string Kind, string Message, DateTime RaisedAt);
