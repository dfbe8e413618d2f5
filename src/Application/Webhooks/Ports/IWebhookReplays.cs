namespace IntegrationHub.Application.Webhooks;

/// <summary>
/// Marks stored events for processing again, as <see cref="Domain.Webhooks.WebhookEvent.Replay"/> does for one, but a
/// batch of rows at a time in a few set-based statements: no event is loaded (bodies stay in the database), and the
/// batch takes one short turn at the database, as a save does, so webhooks being accepted meanwhile wait little.
/// </summary>
public interface IWebhookReplays
{
    /// <summary>
    /// Gives the events of <paramref name="eventIds"/> that have no integration the one their location has now
    /// (<paramref name="routes"/>, by location id), then makes each <c>received</c> (or <c>unmatched</c> while it still
    /// has no integration) with no retry pending; all in one transaction.
    /// </summary>
    Task MarkForReplayAsync(IReadOnlyList<int> eventIds, IReadOnlyDictionary<string, WebhookRoute> routes, CancellationToken cancellationToken);
}
