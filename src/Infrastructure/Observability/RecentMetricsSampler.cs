using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Infrastructure.Observability;

/// <summary>Takes one sample of <see cref="RecentMetrics"/> per interval, for as long as the instance runs.</summary>
public sealed class RecentMetricsSampler(RecentMetrics recent, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(recent.Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                recent.TakeSample();
            }
        }
        catch (OperationCanceledException)
        {
            // The instance is stopping.
        }
    }
}
