using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.Webhooks;

/// <summary>
/// Turns one stored webhook event into leads and message logs. Idempotent: leads are keyed by contact id and
/// messages by message id, and the event's new status is committed in the same transaction as its effects,
/// so a crash at any point leaves either nothing or everything.
/// </summary>
public sealed class WebhookEventProcessor(
    IAppDbContext db, LeadUpserter leads, IBackgroundJobs jobs, TimeProvider clock, ILogger<WebhookEventProcessor> logger)
{
    private const int CommitEvery = 8;

    private readonly HashSet<(int SubAccountId, string MessageId)> _knownMessages = [];
    private readonly Dictionary<int, ParsedWebhook> _parsed = [];

    public Task ProcessAsync(int eventId, CancellationToken cancellationToken) => ProcessBatchAsync([eventId], cancellationToken);

    /// <summary>
    /// Processes several events with shared lookups and a commit per few events (instead of a query set and a commit
    /// each). If anything in the batch fails, what is not committed is forgotten and every remaining event goes
    /// through on its own, so one bad event cannot hold up others.
    /// </summary>
    public async Task ProcessBatchAsync(IReadOnlyList<int> eventIds, CancellationToken cancellationToken)
    {
        // Safe to lose on a power cut: the events and their effects commit together, so a lost commit is redone.
        await db.UseRelaxedDurabilityAsync(cancellationToken);
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
        var events = (await db.WebhookEvents.Include(e => e.Attempts).Where(e => eventIds.Contains(e.Id)).ToListAsync(cancellationToken))
            .Where(e => e.IsDue(now)).ToList();
        if (events.Count == 0)
        {
            return;
        }

        // Load the leads and messages this batch touches in two queries; the handlers then find them tracked.
        var subAccounts = events.Select(e => e.SubAccountId).OfType<int>().Distinct().ToList();
        var contactIds = events.Select(ContactIdOf).OfType<string>().Distinct().ToList();
        await leads.PreloadAsync(subAccounts, contactIds, cancellationToken);
        var messageIds = events.Where(e => e.EventType == WebhookParser.OutboundMessage)
            .Select(e => WebhookParser.MessageIdentity(Parse(e), e.DeliveryId)).ToList();
        if (messageIds.Count > 0)
        {
            var known = await db.LeadMessages.Where(m => subAccounts.Contains(m.SubAccountId) && messageIds.Contains(m.ExternalMessageId!))
                .Select(m => new { m.SubAccountId, m.ExternalMessageId }).ToListAsync(cancellationToken);
            known.ForEach(m => _knownMessages.Add((m.SubAccountId, m.ExternalMessageId!)));
        }

        // Committed a few events at a time: each commit holds SQLite's single write lock, and webhooks waiting to be
        // accepted queue behind it. Every event's effects and status still commit together.
        foreach (var chunk in events.Chunk(CommitEvery))
        {
            foreach (var webhookEvent in chunk)
            {
                var started = Stopwatch.GetTimestamp();
                Record(webhookEvent, await HandleAsync(webhookEvent, cancellationToken), started);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await LinkEarlierMessagesAsync(events.Where(e => e.EventType == WebhookParser.ContactCreate).ToList(), cancellationToken);
    }

    private string? ContactIdOf(WebhookEvent webhookEvent) => webhookEvent.EventType switch
    {
        WebhookParser.ContactCreate => Parse(webhookEvent).Payload.Text("id"),
        WebhookParser.OutboundMessage => Parse(webhookEvent).Payload.Text("contactId"),
        _ => null,
    };

    /// <summary>Each stored body is parsed once per unit of work (a batch needs it for its lookups and its handling).</summary>
    private ParsedWebhook Parse(WebhookEvent webhookEvent)
    {
        if (!_parsed.TryGetValue(webhookEvent.Id, out var parsed))
        {
            _parsed[webhookEvent.Id] = parsed = WebhookParser.Parse(System.Text.Encoding.UTF8.GetBytes(webhookEvent.Body));
        }

        return parsed;
    }

    private async Task ProcessOneAsync(int eventId, CancellationToken cancellationToken)
    {
        var webhookEvent = await Load(eventId, cancellationToken);
        if (webhookEvent is null || !webhookEvent.IsDue(clock.GetUtcNow().UtcDateTime))
        {
            return; // Processed meanwhile (a sweep and a dispatch can meet), or not yet due.
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            Record(webhookEvent, await HandleAsync(webhookEvent, cancellationToken), started);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordFailureAsync(eventId, ex, Stopwatch.GetElapsedTime(started), cancellationToken);
            return;
        }

        if (webhookEvent.EventType == WebhookParser.ContactCreate)
        {
            await LinkEarlierMessagesAsync([webhookEvent], cancellationToken);
        }
    }

    private Task<WebhookEvent?> Load(int eventId, CancellationToken cancellationToken) =>
        db.WebhookEvents.Include(e => e.Attempts).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);

    /// <summary>What became of one event: processed, a type the hub does not act on, or content it cannot use (and why).</summary>
    private readonly record struct Outcome(WebhookEventStatus Status, string? Reason = null);

    private async Task<Outcome> HandleAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var parsed = Parse(webhookEvent);
        var subAccountId = webhookEvent.SubAccountId ?? throw new InvalidOperationException("The event has no integration.");
        if (WebhookParser.Unusable(parsed) is { } reason)
        {
            return new Outcome(WebhookEventStatus.Failed, reason);
        }

        switch (webhookEvent.EventType)
        {
            case WebhookParser.ContactCreate:
                await UpsertContactAsync(subAccountId, parsed, cancellationToken);
                return new Outcome(WebhookEventStatus.Processed);
            case WebhookParser.OutboundMessage:
                await LogMessageAsync(subAccountId, parsed, webhookEvent, cancellationToken);
                return new Outcome(WebhookEventStatus.Processed);
            default:
                return new Outcome(WebhookEventStatus.Unhandled);
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

    private async Task UpsertContactAsync(int subAccountId, ParsedWebhook webhook, CancellationToken cancellationToken)
    {
        var p = webhook.Payload;
        var details = new ContactDetails
        {
            Name = p.Text("name"), FirstName = p.Text("firstName"), LastName = p.Text("lastName"), Email = p.Text("email"),
            Phone = p.Text("phone"), Company = p.Text("companyName"), Address = p.Text("address1"), City = p.Text("city"),
            State = p.Text("state"), PostalCode = p.Text("postalCode"), Country = p.Text("country"),
            Source = p.Text("source") ?? "gohighlevel",
            // Real payloads are messy: a tag that is not a string is skipped, not a reason to lose the contact.
            Tags = p["tags"] is JsonArray tags
                ? tags.OfType<JsonValue>().Select(t => t.TryGetValue<string>(out var tag) ? tag : null).OfType<string>().ToList()
                : [],
        };
        var fallback = await leads.SubAccountTimezoneAsync(subAccountId, cancellationToken);
        var timezone = p.Text("timezone") is { } given && TimeZoneInfo.TryFindSystemTimeZoneById(given, out _)
            ? given
            : TimezoneDetector.Detect(details.Country, details.State, details.PostalCode, details.Phone, fallback);
        var changedAt = Time(p.Text("dateUpdated")) ?? Time(p.Text("dateAdded")) ?? webhook.Timestamp?.UtcDateTime;
        await leads.UpsertAsync(subAccountId, p.Text("id")!, details, timezone, changedAt, cancellationToken);
    }

    private async Task LogMessageAsync(int subAccountId, ParsedWebhook webhook, WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var p = webhook.Payload;
        var receivedAt = webhookEvent.ReceivedAt;
        var messageId = WebhookParser.MessageIdentity(webhook, webhookEvent.DeliveryId);
        if (!_knownMessages.Add((subAccountId, messageId))
            || await db.LeadMessages.AnyAsync(m => m.SubAccountId == subAccountId && m.ExternalMessageId == messageId, cancellationToken))
        {
            return; // Already logged by an earlier delivery, attempt, or event of this batch.
        }

        var contactId = p.Text("contactId")!;
        var lead = leads.Known(subAccountId, contactId);
        var leadId = lead is { Id: > 0 } ? lead.Id : await db.Leads.Where(l => l.SubAccountId == subAccountId && l.ExternalContactId == contactId)
            .Select(l => (int?)l.Id).FirstOrDefaultAsync(cancellationToken);
        var to = p["to"] switch
        {
            JsonArray list => string.Join(", ", list.Select(t => t?.ToString())),
            JsonValue value => value.ToString(),
            _ => null,
        };
        db.LeadMessages.Add(LeadMessage.Create(subAccountId, leadId, contactId, messageId, p.Text("messageType") ?? "Unknown",
            p.Text("body"), p.Text("subject"), p.Text("from"), to, p.Text("direction") ?? "outbound", p.Text("status"),
            (p["attachments"] as JsonArray)?.ToJsonString() ?? "[]",
            Time(p.Text("dateAdded")) ?? webhook.Timestamp?.UtcDateTime ?? receivedAt, clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>Messages logged before their contact's lead existed get its id now (reads match them by contact id anyway).</summary>
    private async Task LinkEarlierMessagesAsync(IReadOnlyList<WebhookEvent> contactEvents, CancellationToken cancellationToken)
    {
        if (contactEvents.Count == 0)
        {
            return;
        }

        var subAccounts = contactEvents.Select(e => e.SubAccountId).OfType<int>().Distinct().ToList();
        var contactIds = contactEvents.Select(ContactIdOf).OfType<string>().Distinct().ToList();
        var orphans = await db.LeadMessages
            .Where(m => m.LeadId == null && subAccounts.Contains(m.SubAccountId) && contactIds.Contains(m.ExternalContactId!))
            .ToListAsync(cancellationToken);
        if (orphans.Count == 0)
        {
            return;
        }

        var leadIds = await db.Leads.AsNoTracking()
            .Where(l => subAccounts.Contains(l.SubAccountId) && contactIds.Contains(l.ExternalContactId!))
            .Select(l => new { l.SubAccountId, l.ExternalContactId, l.Id }).ToListAsync(cancellationToken);
        foreach (var message in orphans)
        {
            var lead = leadIds.FirstOrDefault(l => l.SubAccountId == message.SubAccountId && l.ExternalContactId == message.ExternalContactId);
            if (lead is not null)
            {
                message.LinkToLead(lead.Id);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task RecordFailureAsync(int eventId, Exception error, TimeSpan took, CancellationToken cancellationToken)
    {
        DiscardUnitOfWork();
        var webhookEvent = await Load(eventId, cancellationToken);
        if (webhookEvent is null || !webhookEvent.IsDue(clock.GetUtcNow().UtcDateTime))
        {
            return;
        }

        // A short, safe description: exception messages of our own code never carry secrets or bodies.
        var message = error is DbUpdateException ? "Database update failed: " + (error.InnerException?.Message ?? error.Message) : error.Message;
        var jitter = TimeSpan.FromMilliseconds(RandomNumberGenerator.GetInt32(0, 1000));
        webhookEvent.MarkFailedAttempt(message, clock.GetUtcNow().UtcDateTime, took, jitter);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Webhook event {EventId} ({EventType}) attempt {Attempt} failed: {Error}", eventId, webhookEvent.EventType,
            webhookEvent.AttemptCount, message);

        if (webhookEvent is { Status: WebhookEventStatus.RetryScheduled, NextAttemptAt: { } next })
        {
            jobs.ScheduleWebhookRetry(eventId, next - clock.GetUtcNow().UtcDateTime);
        }
    }

    private void DiscardUnitOfWork()
    {
        db.DiscardChanges();
        _knownMessages.Clear();
        leads.Forget();
    }

    private static DateTime? Time(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime
            : null;
}
