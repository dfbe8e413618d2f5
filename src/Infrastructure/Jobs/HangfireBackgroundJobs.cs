using Hangfire;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.GoHighLevel;

namespace IntegrationHub.Infrastructure.Jobs;

/// <summary>Hangfire behind the application's job interface; job ids are kebab-case and stable.</summary>
public sealed class HangfireBackgroundJobs(IBackgroundJobClient client) : IBackgroundJobs
{
    public void EnqueueContactSync(int syncRunId) =>
        client.Enqueue<ContactSyncJob>(job => job.RunAsync(syncRunId, CancellationToken.None));

    public void EnqueueHealthSweep() =>
        client.Enqueue<HealthSweepJob>(job => job.RunAsync(CancellationToken.None));

    public void ScheduleWebhookRetry(int eventId, TimeSpan delay) =>
        client.Schedule<WebhookJobs>(job => job.RetryAsync(eventId, CancellationToken.None), delay < TimeSpan.Zero ? TimeSpan.Zero : delay);

    /// <summary>The cron expression closest to "every N minutes" (cron cannot say every 7 minutes exactly).</summary>
    public static string Cron(int minutes) => minutes switch
    {
        < 60 => $"*/{minutes} * * * *",
        < 1440 => $"0 */{Math.Max(1, minutes / 60)} * * *",
        _ => $"0 0 */{Math.Max(1, minutes / 1440)} * *",
    };
}
