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
    public async Task ProcessAsync(int eventId, CancellationToken cancellationToken)
    {
        var webhookEvent = await Load(eventId, cancellationToken);
        if (webhookEvent is null || !webhookEvent.IsDue(clock.GetUtcNow().UtcDateTime))
        {
            return; // Processed meanwhile (a sweep and a dispatch can meet), or not yet due.
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var handled = await HandleAsync(webhookEvent, cancellationToken);
            if (handled)
            {
                webhookEvent.MarkProcessed(clock.GetUtcNow().UtcDateTime, Stopwatch.GetElapsedTime(started));
            }
            else
            {
                webhookEvent.MarkUnhandled(clock.GetUtcNow().UtcDateTime);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordFailureAsync(eventId, ex, Stopwatch.GetElapsedTime(started), cancellationToken);
            return;
        }

        if (webhookEvent.EventType == WebhookParser.ContactCreate)
        {
            await LinkEarlierMessagesAsync(webhookEvent, cancellationToken);
        }
    }

    private Task<WebhookEvent?> Load(int eventId, CancellationToken cancellationToken) =>
        db.WebhookEvents.Include(e => e.Attempts).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);

    private async Task<bool> HandleAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var parsed = WebhookParser.Parse(System.Text.Encoding.UTF8.GetBytes(webhookEvent.Body));
        var subAccountId = webhookEvent.SubAccountId ?? throw new InvalidOperationException("The event has no integration.");
        switch (webhookEvent.EventType)
        {
            case WebhookParser.ContactCreate:
                await UpsertContactAsync(subAccountId, parsed, cancellationToken);
                return true;
            case WebhookParser.OutboundMessage:
                await LogMessageAsync(subAccountId, parsed, webhookEvent.ReceivedAt, cancellationToken);
                return true;
            default:
                return false;
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
            Tags = p["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>()).OfType<string>().ToList() : [],
        };
        var fallback = await db.SubAccounts.Where(s => s.Id == subAccountId).Select(s => s.Timezone).SingleAsync(cancellationToken);
        var timezone = p.Text("timezone") is { } given && TimeZoneInfo.TryFindSystemTimeZoneById(given, out _)
            ? given
            : TimezoneDetector.Detect(details.Country, details.State, details.PostalCode, details.Phone, fallback);
        var changedAt = Time(p.Text("dateUpdated")) ?? Time(p.Text("dateAdded")) ?? webhook.Timestamp?.UtcDateTime;
        await leads.UpsertAsync(subAccountId, p.Text("id")!, details, timezone, changedAt, cancellationToken);
    }

    private async Task LogMessageAsync(int subAccountId, ParsedWebhook webhook, DateTime receivedAt, CancellationToken cancellationToken)
    {
        var p = webhook.Payload;
        var messageId = p.Text("messageId")!;
        if (await db.LeadMessages.AnyAsync(m => m.SubAccountId == subAccountId && m.ExternalMessageId == messageId, cancellationToken))
        {
            return; // Already logged by an earlier delivery or attempt.
        }

        var contactId = p.Text("contactId")!;
        var leadId = await db.Leads.Where(l => l.SubAccountId == subAccountId && l.ExternalContactId == contactId)
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
    private async Task LinkEarlierMessagesAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var contactId = WebhookParser.Parse(System.Text.Encoding.UTF8.GetBytes(webhookEvent.Body)).Payload.Text("id");
        var lead = await db.Leads.Where(l => l.SubAccountId == webhookEvent.SubAccountId && l.ExternalContactId == contactId)
            .Select(l => (int?)l.Id).FirstOrDefaultAsync(cancellationToken);
        if (lead is not { } leadId)
        {
            return;
        }

        var orphans = await db.LeadMessages
            .Where(m => m.SubAccountId == webhookEvent.SubAccountId && m.LeadId == null && m.ExternalContactId == contactId)
            .ToListAsync(cancellationToken);
        orphans.ForEach(m => m.LinkToLead(leadId));
        if (orphans.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task RecordFailureAsync(int eventId, Exception error, TimeSpan took, CancellationToken cancellationToken)
    {
        db.DiscardChanges();
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

    private static DateTime? Time(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime
            : null;
}
