using System.Diagnostics;
using System.Security.Cryptography;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Domain.Webhooks;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.Webhooks;

/// <summary>
/// Runs stored webhook events through their handlers. Idempotent: leads are keyed by contact id and messages by
/// message id, and an event's new status is committed in the same transaction as its effects, so a crash at any
/// point leaves either nothing or everything.
/// </summary>
public sealed partial class WebhookEventProcessor(
    IAppDbContext db, IWebhookUnitOfWork unitOfWork, IEnumerable<IWebhookEventHandler> handlers, IWebhookInbox inbox, IBackgroundJobs jobs,
    WebhookMetrics metrics, TimeProvider clock, ILogger<WebhookEventProcessor> logger)
{
    private readonly IReadOnlyList<IWebhookEventHandler> _handlers = handlers.ToList();
    private readonly Dictionary<int, ParsedWebhook> _parsed = [];
    private WebhookProcessingTelemetry? _telemetry;

    /// <summary>Spans per event and outcomes counted once they are committed (never for work a rollback undid).</summary>
    private WebhookProcessingTelemetry Telemetry => _telemetry ??= new WebhookProcessingTelemetry(metrics, _handlers);

    /// <summary>What became of one event: processed, a type the hub does not act on, or content it cannot use (and why).</summary>
    private readonly record struct Outcome(WebhookEventStatus Status, string? Reason = null);

    public Task ProcessAsync(int eventId, CancellationToken cancellationToken) => ProcessBatchAsync([eventId], cancellationToken);

    /// <summary>
    /// Processes several events with shared lookups and a commit per few events (instead of a query set and a commit
    /// each). If anything in the batch fails, what is not committed is forgotten and every remaining event goes
    /// through on its own, so one bad event cannot hold up others.
    /// </summary>
    public async Task ProcessBatchAsync(IReadOnlyList<int> eventIds, CancellationToken cancellationToken)
    {
        if (eventIds.Count > 1)
        {
            try
            {
                await ProcessTogetherAsync(eventIds, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "A batch of {Count} webhook events failed; processing them one by one", eventIds.Count);
                DiscardUnitOfWork();
            }
        }

        foreach (var eventId in eventIds)
        {
            await ProcessOneAsync(eventId, cancellationToken);
        }
    }

    private async Task ProcessTogetherAsync(IReadOnlyList<int> eventIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Read untracked and tracked a chunk at a time: each save then scans its own chunk's events, not the batch's.
        var events = (await db.WebhookEvents.AsNoTracking().Include(e => e.Attempts).Where(e => eventIds.Contains(e.Id)).ToListAsync(cancellationToken))
            .Where(e => e.IsDue(now)).Select(e => new ParsedEvent(e, Parse(e))).ToList();
        if (events.Count == 0)
        {
            return;
        }

        await ProcessInModeAsync(events, eventIds, cancellationToken);
    }

    private async Task HandleInChunksAsync(List<ParsedEvent> events, CancellationToken cancellationToken)
    {
        // Each handler loads what its events of this batch look up in a few queries; then they find it in memory.
        foreach (var handler in _handlers)
        {
            await handler.PrepareAsync(events.Where(e => handler.Handles(e.Event.EventType) && WebhookParser.Unusable(e.Webhook) is null).ToList(),
                cancellationToken);
        }

        // Every event's effects and status commit together, a few events a commit: webhooks waiting to be accepted queue
        // behind a commit, so while any wait the commits are short; otherwise larger ones cost far less per event.
        for (var start = 0; start < events.Count;)
        {
            var chunk = events.GetRange(start, Math.Min(unitOfWork.EventsPerCommit(sendersWaiting: inbox.Waiting > 0), events.Count - start));
            start += chunk.Count;
            var chunkEvents = chunk.ConvertAll(e => e.Event);
            unitOfWork.Track(chunkEvents);
            foreach (var parsed in chunk)
            {
                using var span = Telemetry.StartSpan(parsed.Event);
                var started = Stopwatch.GetTimestamp();
                Record(parsed.Event, await HandleAsync(parsed, cancellationToken), started);
                WebhookProcessingTelemetry.Ended(span, parsed.Event);
            }

            await unitOfWork.CommitAsync(chunkEvents, cancellationToken);
            chunk.ForEach(e => Telemetry.Committed(e.Event, clock.GetUtcNow().UtcDateTime));
            unitOfWork.Untrack(chunk.SelectMany(e => e.Event.Attempts.Prepend<object>(e.Event)));
        }

        await AfterCommitAsync(events, cancellationToken);
    }

    private async Task ProcessOneAsync(int eventId, CancellationToken cancellationToken)
    {
        var webhookEvent = await Load(eventId, cancellationToken);
        if (webhookEvent is null || !webhookEvent.IsDue(clock.GetUtcNow().UtcDateTime))
        {
            return; // Processed meanwhile (a sweep and a dispatch can meet), or not yet due.
        }

        var started = Stopwatch.GetTimestamp();
        var parsed = new ParsedEvent(webhookEvent, Parse(webhookEvent));
        using (var span = Telemetry.StartSpan(webhookEvent))
        {
            try
            {
                Record(webhookEvent, await HandleAsync(parsed, cancellationToken), started);
                await db.SaveChangesAsync(cancellationToken);
                WebhookProcessingTelemetry.Ended(span, webhookEvent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                span?.AddException(ex).SetStatus(ActivityStatusCode.Error, "attempt failed");
                await RecordFailureAsync(eventId, ex, Stopwatch.GetElapsedTime(started), cancellationToken);
                return;
            }
        }

        Telemetry.Committed(webhookEvent, clock.GetUtcNow().UtcDateTime);

        await AfterCommitAsync([parsed], cancellationToken);
    }

    private async Task<Outcome> HandleAsync(ParsedEvent parsed, CancellationToken cancellationToken)
    {
        if (!WebhookEvent.ProcessedWithoutIntegration(parsed.Event.EventType))
        {
            _ = parsed.SubAccountId; // Every other event is processed only once routed to an integration.
        }

        if (WebhookParser.Unusable(parsed.Webhook) is { } reason)
        {
            return new Outcome(WebhookEventStatus.Failed, reason);
        }

        var handler = _handlers.FirstOrDefault(h => h.Handles(parsed.Event.EventType));
        if (handler is null)
        {
            return new Outcome(WebhookEventStatus.Unhandled);
        }

        await handler.HandleAsync(parsed, cancellationToken);
        return new Outcome(WebhookEventStatus.Processed);
    }

    private async Task AfterCommitAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken)
    {
        var processed = events.Where(e => e.Event.Status == WebhookEventStatus.Processed).ToList();
        foreach (var handler in _handlers)
        {
            await handler.AfterCommitAsync(processed.Where(e => handler.Handles(e.Event.EventType)).ToList(), cancellationToken);
        }
    }

    private void Record(WebhookEvent webhookEvent, Outcome outcome, long started)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        switch (outcome.Status)
        {
            case WebhookEventStatus.Processed:
                webhookEvent.MarkProcessed(now, Stopwatch.GetElapsedTime(started));
                break;
            case WebhookEventStatus.Failed:
                // Retrying the same content cannot help: a dead letter at once, with the reason, for an admin to replay.
                webhookEvent.MarkUnusable(outcome.Reason!, now);
                logger.LogInformation("Webhook event {EventId} ({EventType}) cannot be processed: {Reason}", webhookEvent.Id,
                    webhookEvent.EventType, outcome.Reason);
                break;
            default:
                webhookEvent.MarkUnhandled(now);
                break;
        }
    }

    /// <summary>Each stored body is parsed once per unit of work (a batch needs it for its lookups and its handling).</summary>
    private ParsedWebhook Parse(WebhookEvent webhookEvent)
    {
        if (!_parsed.TryGetValue(webhookEvent.Id, out var parsed))
        {
            _parsed[webhookEvent.Id] = parsed = WebhookParser.Parse(System.Text.Encoding.UTF8.GetBytes(webhookEvent.Body));
        }

        return parsed;
    }

    private Task<WebhookEvent?> Load(int eventId, CancellationToken cancellationToken) =>
        db.WebhookEvents.Include(e => e.Attempts).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);

    private async Task RecordFailureAsync(int eventId, Exception error, TimeSpan took, CancellationToken cancellationToken)
    {
        DiscardUnitOfWork();
        var webhookEvent = await Load(eventId, cancellationToken);
        if (webhookEvent is null || !webhookEvent.IsDue(clock.GetUtcNow().UtcDateTime))
        {
            return;
        }

        // A short, safe description: exception messages of our own code never carry secrets or bodies; a database
        // error's cause is in its inner exception.
        var message = error.InnerException is { } cause ? $"{error.Message} {cause.Message}" : error.Message;
        var jitter = TimeSpan.FromMilliseconds(RandomNumberGenerator.GetInt32(0, 1000));
        webhookEvent.MarkFailedAttempt(message, clock.GetUtcNow().UtcDateTime, took, jitter);
        await db.SaveChangesAsync(cancellationToken);
        Telemetry.Committed(webhookEvent, clock.GetUtcNow().UtcDateTime);
        logger.LogWarning("Webhook event {EventId} ({EventType}) attempt {Attempt} failed: {Error}", eventId, webhookEvent.EventType,
            webhookEvent.AttemptCount, message);

        if (webhookEvent is { Status: WebhookEventStatus.RetryScheduled, NextAttemptAt: { } next })
        {
            jobs.ScheduleWebhookRetry(eventId, next - clock.GetUtcNow().UtcDateTime);
        }
    }

    private void DiscardUnitOfWork()
    {
        unitOfWork.Discard();
        foreach (var handler in _handlers)
        {
            handler.Forget();
        }
    }
}
