using System.Threading.Channels;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>
/// Group commit for the webhook inbox: one writer stores whatever the concurrent requests have queued in a
/// single transaction, and each request gets its answer only after that commit (fully synced). A commit per
/// request would make every webhook wait for its own fsync.
/// </summary>
public sealed class WebhookInboxWriter(IServiceScopeFactory scopes, ILogger<WebhookInboxWriter> logger) : BackgroundService, IWebhookInbox
{
    private const int MaxBatch = 256;

    // Bounded: past this many waiting writes the database is not keeping up, and senders are told to retry (429).
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(5_000)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private int _waiting;

    /// <summary>Requests waiting for their commit right now: a measure of how busy accepting is.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async Task<(int Id, bool Duplicate)> AddAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var pending = new Pending(webhookEvent);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new WebhookInboxUnavailableException("The inbox is full.");
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            return await pending.Completion.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await WriteBatchAsync(batch, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad row (a racing duplicate) must not fail its neighbours: retry them one by one.
                logger.LogDebug(ex, "A batch of {Count} webhook events failed; storing them one by one", batch.Count);
                foreach (var pending in batch)
                {
                    await WriteOneAsync(pending, stoppingToken);
                }
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.RequireFullDurabilityAsync(cancellationToken);

        // Duplicates: deliveries already stored, and the same delivery twice in this batch.
        var ids = batch.Select(p => p.Event.DeliveryId).Distinct().ToList();
        var stored = await db.WebhookEvents.Where(e => ids.Contains(e.DeliveryId))
            .Select(e => new { e.DeliveryId, e.Id }).ToDictionaryAsync(e => e.DeliveryId, e => e.Id, cancellationToken);
        var first = new Dictionary<string, Pending>();
        foreach (var pending in batch)
        {
            if (!stored.ContainsKey(pending.Event.DeliveryId) && first.TryAdd(pending.Event.DeliveryId, pending))
            {
                db.WebhookEvents.Add(pending.Event);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var pending in batch)
        {
            pending.Completion.TrySetResult(stored.TryGetValue(pending.Event.DeliveryId, out var existing)
                ? (existing, true)
                : first[pending.Event.DeliveryId] == pending ? (pending.Event.Id, false) : (first[pending.Event.DeliveryId].Event.Id, true));
        }
    }

    private async Task WriteOneAsync(Pending pending, CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var existing = await db.WebhookEvents.Where(e => e.DeliveryId == pending.Event.DeliveryId)
                .Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is { } id)
            {
                pending.Completion.TrySetResult((id, true));
                return;
            }

            var fresh = WebhookEvent.Receive(pending.Event.DeliveryId, pending.Event.Source, pending.Event.EventType, pending.Event.LocationId,
                pending.Event.IntegrationId, pending.Event.SubAccountId, pending.Event.SignatureScheme, pending.Event.Body, pending.Event.ReceivedAt);
            db.WebhookEvents.Add(fresh);
            await db.SaveChangesAsync(cancellationToken);
            pending.Completion.TrySetResult((fresh.Id, false));
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(new WebhookInboxUnavailableException("The event could not be stored: " + ex.GetType().Name));
        }
    }

    private sealed record Pending(WebhookEvent Event)
    {
        public TaskCompletionSource<(int Id, bool Duplicate)> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
