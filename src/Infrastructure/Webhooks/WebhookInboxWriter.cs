using System.Diagnostics;
using System.Threading.Channels;
using IntegrationHub.Application.Common.Observability;
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
public sealed class WebhookInboxWriter(IServiceScopeFactory scopes, WebhookMetrics metrics, ILogger<WebhookInboxWriter> logger)
    : BackgroundService, IWebhookInbox
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
        await using var store = CreateStore();
        var batch = new List<Pending>(MaxBatch);
        try
        {
            await WriteBatchesAsync(store, batch, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (or a start that failed): not an error of this service.
        }
        finally
        {
            // Stopping: whatever was not stored is refused (429, the sender retries), never left waiting.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            Refuse(batch.Where(p => !p.Completion.Task.IsCompleted).ToList(), new WebhookInboxUnavailableException("The service is stopping."));
        }
    }

    private async Task WriteBatchesAsync(IInboxStore store, List<Pending> batch, CancellationToken stoppingToken)
    {
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                var started = Stopwatch.GetTimestamp();
                var results = await store.StoreAsync(batch.ConvertAll(p => p.Event), stoppingToken);
                metrics.InboxCommitted(batch.Count, Stopwatch.GetElapsedTime(started));
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException && store.RowCanFailBatch && batch.Count > 1)
            {
                // One bad row must not fail its neighbours: store them one by one, and refuse only what fails.
                logger.LogDebug(ex, "A batch of {Count} webhook events failed; storing them one by one", batch.Count);
                foreach (var pending in batch)
                {
                    await WriteOneAsync(store, pending, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Refuse(batch, ex);
            }
        }
    }

    private IInboxStore CreateStore()
    {
        using var scope = scopes.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database;
        return database.IsSqlite() ? new SqliteInboxStore(database.GetConnectionString()!)
            : database.IsNpgsql() ? new PostgreSqlInboxStore(database.GetConnectionString()!)
            : new EfInboxStore(scopes);
    }

    private async Task WriteOneAsync(IInboxStore store, Pending pending, CancellationToken cancellationToken)
    {
        try
        {
            pending.Completion.TrySetResult((await store.StoreAsync([pending.Event], cancellationToken))[0]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Refuse([pending], ex);
        }
    }

    /// <summary>The senders are told to come back (429); the database's own message stays in the log.</summary>
    private void Refuse(List<Pending> pendings, Exception error)
    {
        if (pendings.Count == 0)
        {
            return;
        }

        logger.LogWarning("{Count} webhook event(s) could not be stored: {Error}", pendings.Count, error.Message);
        foreach (var pending in pendings)
        {
            pending.Completion.TrySetException(new WebhookInboxUnavailableException("The event could not be stored: " + error.GetType().Name));
        }
    }

    private sealed record Pending(WebhookEvent Event)
    {
        public TaskCompletionSource<(int Id, bool Duplicate)> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
