using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>Waits for background jobs by what Hangfire recorded, instead of sleeping and hoping they ran.</summary>
public static class HangfireJobs
{
    /// <summary>Waits until a job of <typeparamref name="TJob"/>'s <paramref name="method"/> with this first argument has succeeded.</summary>
    public static int ServerCount(this HubApp app) => app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Count;

    public static Task SucceededAsync<TJob>(this HubApp app, string method, int firstArgument, int seconds = 60) =>
        Poll.Eventually(() =>
        {
            // The app's own storage: JobStorage.Current is process-wide and may belong to another test's app.
            var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            var succeeded = monitoring.SucceededJobs(0, 1000).Any(j => j.Value?.Job is { } job && job.Type == typeof(TJob)
                && job.Method.Name == method && job.Args.Count > 0 && Equals(job.Args[0], firstArgument));
            return Task.FromResult(succeeded ? "succeeded" : null);
        }, $"{typeof(TJob).Name}.{method}({firstArgument}) to succeed in Hangfire", seconds);
}
