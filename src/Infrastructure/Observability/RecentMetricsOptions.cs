using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Infrastructure.Observability;

/// <summary><c>IntegrationHub:Overview</c>: how the console's overview samples this instance's metrics.</summary>
public sealed class RecentMetricsOptions
{
    public const string Section = "IntegrationHub:Overview";

    /// <summary>
    /// One sample per interval, the last <see cref="RecentMetrics.Capacity"/> kept: a minute gives the last hour. Tests set
    /// seconds so a chart fills while they wait.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00",
        ErrorMessage = "IntegrationHub:Overview:SampleInterval must be a time span from 00:00:01 to 01:00:00.")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMinutes(1);
}
