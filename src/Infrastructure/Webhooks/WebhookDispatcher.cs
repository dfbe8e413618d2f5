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
public sealed class WebhookDispatcher(IServiceScopeFactory scopes, WebhookInboxWriter inbox, ILogger<WebhookDispatcher> logger)
    : BackgroundService, IWebhookDispatcher
{
    // One consumer: processing is batched, and the CPU left over goes to accepting webhooks, which must stay fast.
    private const int Consumers = 1;

    // One transaction per batch: under load, events are processed many to a commit; alone, one at a time.
    private const int MaxBatch = 128;

    // Under load (a batch ended moments ago), waiting a moment gathers a larger batch: a batch costs about the same
    // CPU for one event as for twenty, and that CPU is taken from accepting. An event arriving at a quiet time is
    // processed at once.
    private static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan UnderLoadWithin = TimeSpan.FromMilliseconds(100);

    // Accepting comes first (GoHighLevel is waiting for the answer; a lead can wait a moment): while many requests
    // wait for their commit, processing steps aside for up to this long per batch.
    private const int BusyInboxWaiting = 16;
    private static readonly TimeSpan MaxYield = TimeSpan.FromSeconds(1);
    private readonly Channel<int> _queue = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleWriter = false });

    public void Dispatch(int eventId) => _queue.Writer.TryWrite(eventId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SweepAsync(scopes, this, TimeSpan.Zero, stoppingToken);
            await Task.WhenAll(Enumerable.Range(0, Consumers).Select(_ => ConsumeAsync(stoppingToken)));
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
            .OrderBy(e => e.Id).Select(e => e.Id).Take(10_000).ToListAsync(cancellationToken);
        due.ForEach(dispatcher.Dispatch);
        return due.Count;
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        var batch = new List<int>(MaxBatch);
        var lastBatchEnded = 0L;
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            if (Stopwatch.GetElapsedTime(lastBatchEnded) < UnderLoadWithin && _queue.Reader.Count < MaxBatch)
            {
                await Task.Delay(GatherDelay, stoppingToken);
            }

            for (var yielded = TimeSpan.Zero; inbox.Waiting > BusyInboxWaiting && yielded < MaxYield; yielded += GatherDelay)
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
                // Safe to lose on a power cut: events and their effects commit together, so a lost commit is redone.
                await scope.ServiceProvider.GetRequiredService<Persistence.AppDbContext>().UseRelaxedDurabilityAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<WebhookEventProcessor>().ProcessBatchAsync(batch.Distinct().ToList(), stoppingToken);
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
}
