using System.Diagnostics;
using System.Threading.Channels;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>
/// In-process hand-off from the webhook endpoint to processing, so an accepted event becomes a lead within
/// milliseconds (a Hangfire job would wait for storage polling). Losing this queue loses nothing: the event
/// is already committed, and the start-up sweep and the recurring sweeper pick up whatever it held.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookInboxWriter inbox, WebhookEventLeases leases, Persistence.InstanceSharing sharing,
    ILogger<WebhookDispatcher> logger)
    : BackgroundService, IWebhookDispatcher
{
    // One consumer on SQLite: processing is batched, its commits take turns at the one write lock anyway, and the CPU
    // left over goes to accepting webhooks, which must stay fast. On a server database a batch spends most of its time
    // waiting for round trips, so two consumers overlap them (events of one contact in both are settled by the database:
    // the unique contact index and the lead's version send the loser through again).
    private int Consumers => sharing.Shared ? 2 : 1;

    // One transaction per batch: under load, events are processed many to a commit; alone, one at a time.
    private const int MaxBatch = 128;

    // Under load (a batch ended moments ago), waiting a moment gathers a larger batch: a batch costs about the same
    // CPU for one event as for twenty, and that CPU is taken from accepting. An event arriving at a quiet time is
    // processed at once.
    private static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan UnderLoadWithin = TimeSpan.FromMilliseconds(100);

    // Accepting comes first during a burst (GoHighLevel is waiting for the answer; a lead can wait a moment): while
    // processing is far behind anyway (its queue longer than a few seconds of a high rate) and many requests wait for
    // their commit, processing steps aside for up to this long per batch. Not at a steady rate it keeps up with: at
    // 3,000/s about 16 requests wait for every group commit anyway, and stepping aside for them (batch after batch) let
    // the backlog jump by thousands once a minute and put a second on those leads (bench/run.sh, issue 31).
    private const int BusyInboxWaiting = 16;
    private const int FarBehind = 10_000;
    private static readonly TimeSpan MaxYield = TimeSpan.FromSeconds(1);
    // Where instances share a server database: how often an idle instance looks for events nobody is processing (their
    // receiver died before its hand-off, or its lease ran out), and how old an unclaimed event must be to count as that.
    private static readonly TimeSpan TakeoverInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TakeoverAfter = TimeSpan.FromSeconds(5);

    private readonly Channel<int> _queue = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleWriter = false });

    public void Dispatch(int eventId) => _queue.Writer.TryWrite(eventId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SweepAsync(scopes, this, TimeSpan.Zero, stoppingToken);
            var work = Enumerable.Range(0, Consumers).Select(consumer => ConsumeAsync(consumer, stoppingToken)).ToList();
            if (sharing.Shared)
            {
                work.Add(TakeOverAsync(stoppingToken));
            }

            await Task.WhenAll(work);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (or a start that failed): events not processed yet are found again by the next sweep.
        }
    }

    /// <summary>Dispatches every event that is due and older than <paramref name="minimumAge"/> (a missed hand-off).</summary>
    public static async Task<int> SweepAsync(IServiceScopeFactory scopes, IWebhookDispatcher dispatcher, TimeSpan minimumAge,
        CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var cutoff = now - minimumAge;
        var due = await db.WebhookEvents.AsNoTracking()
            .Where(e => (e.Status == WebhookEventStatus.Received && e.ReceivedAt <= cutoff)
                || (e.Status == WebhookEventStatus.RetryScheduled && e.NextAttemptAt <= cutoff))
            .Where(e => EF.Property<DateTime?>(e, WebhookEventLeases.LeasedUntil) == null
                || EF.Property<DateTime?>(e, WebhookEventLeases.LeasedUntil) < now)
            .OrderBy(e => e.Id).Select(e => e.Id).Take(10_000).ToListAsync(cancellationToken);
        due.ForEach(dispatcher.Dispatch);
        return due.Count;
    }

    /// <summary>A second consumer (server databases) works only while intake is quiet: it must not take CPU from a burst.</summary>
    private async Task ConsumeAsync(int consumer, CancellationToken stoppingToken)
    {
        var batch = new List<int>(MaxBatch);
        var lastBatchEnded = 0L;
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            if (Stopwatch.GetElapsedTime(lastBatchEnded) < UnderLoadWithin && _queue.Reader.Count < MaxBatch)
            {
                await Task.Delay(GatherDelay, stoppingToken);
            }

            for (var yielded = TimeSpan.Zero; inbox.Waiting > BusyInboxWaiting && (consumer > 0 || _queue.Reader.Count > FarBehind) && yielded < MaxYield;
                 yielded += GatherDelay)
            {
                await Task.Delay(GatherDelay, stoppingToken);
            }

            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var eventId))
            {
                batch.Add(eventId);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                using var scope = scopes.CreateScope();
                await ProcessClaimedAsync(scope.ServiceProvider, leases, batch.Distinct().ToList(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The event stays due in the inbox; the sweeper will hand it over again.
                logger.LogError(ex, "Processing webhook events {EventIds} failed outside their own error handling", string.Join(",", batch));
            }

            lastBatchEnded = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Processes those of the events this instance can claim; the claim ends with the batch.</summary>
    public static async Task ProcessClaimedAsync(IServiceProvider services, WebhookEventLeases leases, IReadOnlyList<int> eventIds,
        CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<Persistence.AppDbContext>();
        // Safe to lose on a power cut: events and their effects commit together, so a lost commit is redone.
        await db.UseRelaxedDurabilityAsync(cancellationToken);
        var lease = await leases.ClaimAsync(db, eventIds, cancellationToken);
        try
        {
            await services.GetRequiredService<WebhookEventProcessor>().ProcessBatchAsync(lease.EventIds, cancellationToken);
        }
        finally
        {
            // Not cancelled with the batch: a claim left behind only delays its events until the lease expires.
            await leases.ReleaseAsync(db, lease, CancellationToken.None);
        }
    }

    /// <summary>While this instance has little to do, it picks up events that no live instance is processing.</summary>
    private async Task TakeOverAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TakeoverInterval, stoppingToken);
            if (_queue.Reader.Count >= MaxBatch)
            {
                continue;
            }

            try
            {
                var found = await SweepAsync(scopes, this, TakeoverAfter, stoppingToken);
                if (found > 0)
                {
                    logger.LogInformation("Took over {Count} webhook event(s) that no instance was processing", found);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Looking for webhook events to take over failed: {Error}", ex.Message);
            }
        }
    }
}
