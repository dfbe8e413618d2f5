using Hangfire;
using IntegrationHub.Infrastructure.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Jobs;

/// <summary>The recurring jobs, with stable kebab-case ids; ids of jobs that no longer exist are removed at start.</summary>
public static class RecurringJobs
{
    /// <summary>Ids earlier versions registered; left in storage they would fail on every run.</summary>
    private static readonly string[] Retired = ["integration-health-checks"];

    public static void Register(IServiceProvider services)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        foreach (var id in Retired)
        {
            recurring.RemoveIfExists(id);
        }

        var health = services.GetRequiredService<IOptions<HealthChecksOptions>>().Value;
        recurring.AddOrUpdate<HealthSweepJob>(HealthSweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), health.Cron);
        recurring.AddOrUpdate<WebhookJobs>(WebhookJobs.SweeperJobId, job => job.SweepAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), "17 3 * * *");
    }
}
