using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.Webhooks;

// Row mode (IProcessingRows): how a batch of the common event types is written without change tracking.
public sealed partial class WebhookEventProcessor
{
    // Set once a case of this unit of work needed the change tracker: the rest of it uses the tracker too.
    private bool _trackedOnly;

    /// <summary>
    /// Row mode when the store has it and it covers every event of the batch; else, or when a case turns out to need it
    /// (<see cref="RowModeNotEnoughException"/>), the change tracker.
    /// </summary>
    private async Task ProcessInModeAsync(List<ParsedEvent> events, IReadOnlyList<int> eventIds, CancellationToken cancellationToken)
    {
        if (_trackedOnly || !unitOfWork.RowsAvailable || !events.All(e => RowModeCovers(e.Event.EventType)))
        {
            await HandleInChunksAsync(events, cancellationToken);
            return;
        }

        try
        {
            unitOfWork.UseRows(true);
            await HandleInChunksAsync(events, cancellationToken);
            logger.LogDebug("Processed {Count} webhook events in row mode", events.Count);
        }
        catch (RowModeNotEnoughException rare)
        {
            // What row mode committed is done (no longer due); the rest goes through the change tracker, read afresh.
            logger.LogDebug("{Reason} Processing the rest of the batch with change tracking", rare.Message);
            DiscardUnitOfWork();
            unitOfWork.UseRows(false);
            _trackedOnly = true;
            await ProcessTogetherAsync(eventIds, cancellationToken);
        }
        finally
        {
            unitOfWork.UseRows(false);
        }
    }

    /// <summary>Event types whose every case row mode writes, or that need no writes beyond the event's own status.</summary>
    private bool RowModeCovers(string eventType) =>
        WebhookParser.ContactTypes.Contains(eventType) || WebhookParser.MessageTypes.Contains(eventType) || !_handlers.Any(h => h.Handles(eventType));
}
