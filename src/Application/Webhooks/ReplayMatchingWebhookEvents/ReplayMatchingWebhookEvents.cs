namespace IntegrationHub.Application.Webhooks;

/// <summary>Every stored event that matches the filter is processed again (an empty filter: every event).</summary>
public sealed record ReplayMatchingWebhookEventsCommand(string? Status, string? Type, string? LocationId, DateTimeOffset? From, DateTimeOffset? To)
    : ICommand<ReplayedWebhookEvents>, IWebhookEventFilter;

/// <param name="Count">How many events matched and were queued again (those still without an integration stay unmatched).</param>
public sealed record ReplayedWebhookEvents(int Count);

public sealed class ReplayMatchingWebhookEventsCommandValidator : WebhookEventFilterValidator<ReplayMatchingWebhookEventsCommand>;

/// <summary>
/// The bulk form of <see cref="ReplayWebhookEventHandler"/>, and the same mechanism: each event is marked for processing
/// again and handed to the dispatcher, whose processing is idempotent (leads keyed by contact id, messages by message id)
/// and claims each event once. Events are taken in id order (the order they arrived), a batch at a time: each batch is
/// marked in a few statements and handed over before the next is read, so processing starts while the replay goes on.
/// </summary>
public sealed class ReplayMatchingWebhookEventsHandler(IAppDbContext db, IWebhookRoutes routes, IWebhookReplays replays, IWebhookDispatcher dispatcher,
    Common.Auditing.IAuditTrail audit)
    : ICommandHandler<ReplayMatchingWebhookEventsCommand, ReplayedWebhookEvents>
{
    public const int BatchSize = 500;

    public async ValueTask<ReplayedWebhookEvents> Handle(ReplayMatchingWebhookEventsCommand command, CancellationToken cancellationToken)
    {
        var replayed = await ReplayAsync(command, cancellationToken);
        // One audit row for the whole replay, once it is done (it commits a batch at a time): the filter's field names and the count.
        audit.Describe("WebhookEvents", $"{replayed.Count} matching", null, command.FilterFieldsGiven());
        await db.SaveChangesAsync(cancellationToken);
        return replayed;
    }

    private async Task<ReplayedWebhookEvents> ReplayAsync(ReplayMatchingWebhookEventsCommand command, CancellationToken cancellationToken)
    {
        var matching = db.WebhookEvents.AsNoTracking().Matching(command);

        // Events that arrive while the replay runs are not part of it: they are processed anyway.
        if (await matching.MaxAsync(e => (int?)e.Id, cancellationToken) is not { } last)
        {
            return new ReplayedWebhookEvents(0);
        }

        var routed = await RoutesOfUnmatchedAsync(matching, cancellationToken);
        var count = 0;
        var after = 0;
        while (true)
        {
            // Keyset paging by id: an event this replay changed (or that failed again meanwhile) is not visited twice.
            var batch = await matching.Where(e => e.Id > after && e.Id <= last).OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.IntegrationId, e.LocationId }).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return new ReplayedWebhookEvents(count);
            }

            var matchedNow = batch.Where(e => e.IntegrationId is null && e.LocationId is not null && routed.ContainsKey(e.LocationId))
                .Select(e => e.LocationId!).Distinct().ToDictionary(l => l, l => routed[l], StringComparer.Ordinal);
            await replays.MarkForReplayAsync(batch.Select(e => e.Id).ToList(), matchedNow, cancellationToken);
            foreach (var e in batch.Where(e => e.IntegrationId is not null || (e.LocationId is not null && matchedNow.ContainsKey(e.LocationId))))
            {
                dispatcher.Dispatch(e.Id);
            }

            count += batch.Count;
            after = batch[^1].Id;
        }
    }

    /// <summary>An event that arrived before its integration existed is matched now, as a single replay does: the routes of their locations.</summary>
    private async Task<Dictionary<string, WebhookRoute>> RoutesOfUnmatchedAsync(IQueryable<Domain.Webhooks.WebhookEvent> matching,
        CancellationToken cancellationToken)
    {
        var locations = await matching.Where(e => e.IntegrationId == null && e.LocationId != null).Select(e => e.LocationId!).Distinct()
            .ToListAsync(cancellationToken);
        var routed = new Dictionary<string, WebhookRoute>(StringComparer.Ordinal);
        foreach (var location in locations)
        {
            if (await routes.FindAsync(location, cancellationToken) is { } route)
            {
                routed[location] = route;
            }
        }

        return routed;
    }
}
