using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Infrastructure.Outbound;

/// <summary>
/// Delivers outbound operations: claims what is due (<see cref="OutboundLeases"/>), runs up to
/// <see cref="MaxConcurrent"/> at a time, each in its own unit of work, and records each outcome
/// (<see cref="OutboundOutcomes"/>). A commit that staged operations nudges it; otherwise it looks every second, which
/// is also how it finds retries that fell due, operations another instance left behind, and waiting ones to resume.
/// </summary>
public sealed class OutboundDispatcher(IServiceScopeFactory scopes, OutboundLeases leases, ILogger<OutboundDispatcher> logger)
    : BackgroundService, IOutboundSignal
{
    public const int MaxConcurrent = 16;
    private const int Batch = 64;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _nudged = new(0, 1);

    public void Nudge()
    {
        if (_nudged.CurrentCount == 0)
        {
            try
            {
                _nudged.Release();
            }
            catch (SemaphoreFullException)
            {
                // Nudged by another commit at the same moment: one wake-up is enough.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await InScopeAsync(db => leases.ReleaseOrphansAsync(db, stoppingToken));
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await RoundAsync(stoppingToken) < Batch)
                {
                    await _nudged.WaitAsync(PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: claimed operations not finished run again once their lease ends (at once on SQLite's next start).
        }
    }

    /// <summary>One look: waiting operations resumed, a batch claimed and delivered. Returns how many were claimed.</summary>
    public async Task<int> RoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<int> claimed = [];
            await InScopeAsync(async db =>
            {
                await leases.ResumeWaitingAsync(db, cancellationToken);
                claimed = await leases.ClaimAsync(db, Batch, cancellationToken);
            });
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrent, CancellationToken = cancellationToken },
                async (id, ct) => await DeliverAsync(id, ct));
            return claimed.Count;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The database was unreachable, say: nothing is lost (the operations stay where they were); look again shortly.
            logger.LogError(ex, "Outbound dispatch round failed; trying again in a moment");
            await Task.Delay(PollInterval, cancellationToken);
            return 0;
        }
    }

    private async Task DeliverAsync(int operationId, CancellationToken stoppingToken)
    {
        using var scope = scopes.CreateScope();
        var outcomes = scope.ServiceProvider.GetRequiredService<OutboundOutcomes>();
        try
        {
            await outcomes.DeliverAsync(operationId, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Its lease runs out and it is tried again; this is a defect or an outage worth a look.
            logger.LogError(ex, "Outbound operation {OperationId} could not be recorded; it runs again when its lease ends", operationId);
        }
    }

    private async Task InScopeAsync(Func<AppDbContext, Task> work)
    {
        using var scope = scopes.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
