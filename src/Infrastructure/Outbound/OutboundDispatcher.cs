using System.Threading.Channels;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Outbound;

/// <summary>
/// Delivers outbound operations: a claim loop takes due operations (<see cref="OutboundLeases"/>) as soon as a worker is
/// free, and <see cref="OutboundOptions.Concurrency"/> workers deliver them, each try in its own unit of work that records
/// its outcome (<see cref="OutboundOutcomes"/>). A slow call holds one worker, not the others: the loop claims for
/// the free ones meanwhile, and never more than are free, so a claimed operation starts at once and its lease is not
/// spent waiting. A commit that staged operations nudges the loop; otherwise it looks every second, which is also how
/// it finds retries that fell due, operations another instance left behind, and waiting ones to resume.
/// </summary>
public sealed class OutboundDispatcher(IServiceScopeFactory scopes, OutboundLeases leases, IOptions<OutboundOptions> options,
    ILogger<OutboundDispatcher> logger) : BackgroundService, IOutboundSignal
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _nudged = new(0, 1);
    private readonly Channel<int> _claimed = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });
    private int _busy;

    public void Nudge()
    {
        try
        {
            _nudged.Release();
        }
        catch (SemaphoreFullException)
        {
            // Nudged already: one wake-up is enough.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, options.Value.Concurrency).Select(_ => WorkAsync(stoppingToken)).ToList();
        try
        {
            await ReleaseOrphansAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var free = options.Value.Concurrency - Volatile.Read(ref _busy);
                if (free <= 0 || await ClaimAsync(free, stoppingToken) < free)
                {
                    // Nothing more is due, or every worker is busy: a commit, a finished try or the poll wakes the loop.
                    await _nudged.WaitAsync(PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: claimed operations not finished run again once their lease ends (at once on SQLite's next start).
        }
        finally
        {
            _claimed.Writer.TryComplete();
            await Task.WhenAll(workers);
        }
    }

    private async Task ReleaseOrphansAsync(CancellationToken stoppingToken)
    {
        try
        {
            await InScopeAsync(db => leases.ReleaseOrphansAsync(db, stoppingToken));
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The database is not reachable yet: the previous process's claims then come back when their leases end.
            logger.LogError(ex, "Releasing the previous run's outbound claims failed; they run again when their leases end");
        }
    }

    /// <summary>Waiting operations resumed, then up to <paramref name="count"/> due ones claimed and handed to the workers.</summary>
    private async Task<int> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<int> claimed = [];
            await InScopeAsync(async db =>
            {
                await leases.ResumeWaitingAsync(db, cancellationToken);
                claimed = await leases.ClaimAsync(db, count, cancellationToken);
            });
            foreach (var id in claimed)
            {
                Interlocked.Increment(ref _busy);
                _claimed.Writer.TryWrite(id);
            }

            return claimed.Count;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The database was unreachable, say: nothing is lost (the operations stay where they were); look again shortly.
            logger.LogError(ex, "Claiming outbound operations failed; trying again in a moment");
            await Task.Delay(PollInterval, cancellationToken);
            return 0;
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var operationId in _claimed.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                if (!stoppingToken.IsCancellationRequested)
                {
                    await DeliverAsync(operationId, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping mid-try: the lease brings it back.
            }
            finally
            {
                Interlocked.Decrement(ref _busy);
                Nudge(); // A worker is free: claim for it.
            }
        }
    }

    private async Task DeliverAsync(int operationId, CancellationToken stoppingToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<OutboundOutcomes>().DeliverAsync(operationId, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
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
