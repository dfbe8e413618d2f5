using System.ComponentModel;
using Hangfire;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Infrastructure.Options;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Jobs;

/// <summary>
/// Recurring: checks the integrations that are due (<see cref="ListDueHealthChecksQuery"/>) with the test route's code
/// (<see cref="TestConnectionCommand"/>, which records the outcome and the next check's time), several at once since they
/// wait on the network, each in its own scope. One check that throws does not stop
/// the others; the per-location rate limiter keeps each location within GoHighLevel's budget.
/// </summary>
public sealed class HealthSweepJob(IServiceScopeFactory scopes, IOptions<HealthChecksOptions> options, ILogger<HealthSweepJob> logger)
{
    public const string RecurringJobId = "health-sweep";

    [DisplayName("Health sweep")]
    [DisableConcurrentExecution(timeoutInSeconds: 5)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)] // an overlapping sweep is simply skipped
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var due = await DueAsync(cancellationToken);
        var failed = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrency, CancellationToken = cancellationToken },
            async (integrationId, token) =>
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    // A check's outcome lost to a power cut is redone by the next sweep: no fsync per check, or thousands
                    // of checks would queue behind the single SQLite writer.
                    await scope.ServiceProvider.GetRequiredService<Persistence.AppDbContext>().UseRelaxedDurabilityAsync(token);
                    var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new TestConnectionCommand(integrationId), token);
                    if (!result.Success)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    logger.LogWarning(ex, "The health check of integration {IntegrationId} could not run", integrationId);
                }
            });

        if (due.Count > 0)
        {
            logger.LogInformation("Health sweep checked {Checked} integrations, {Failed} failing", due.Count, failed);
        }
    }

    private async Task<List<int>> DueAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListDueHealthChecksQuery(), cancellationToken);
    }
}
