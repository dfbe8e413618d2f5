using IntegrationHub.Application.Webhooks;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// The contact lifecycle: ContactCreate and ContactUpdate create or update the sub-account's lead (fields the event
/// leaves out stay), ContactTagUpdate replaces its tags, ContactDelete keeps the lead and marks it deleted in the CRM
/// (a later create clears the mark). Events older than what the lead reflects change nothing.
/// </summary>
/// <param name="policies">Without it (a handler built by hand), every integration's policy is last write wins.</param>
public sealed class ContactEventHandler(IAppDbContext db, LeadUpserter leads, TimeProvider clock, IConflictPolicies? policies = null) : IWebhookEventHandler
{
    public bool Handles(string eventType) => WebhookParser.ContactTypes.Contains(eventType);

    public Task PrepareAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken) =>
        leads.PreloadAsync(events.Select(e => e.SubAccountId).Distinct().ToList(),
            events.Select(e => e.Webhook.Payload.Text("id")).OfType<string>().Distinct().ToList(), cancellationToken);

    public async Task HandleAsync(ParsedEvent parsed, CancellationToken cancellationToken)
    {
        var p = parsed.Webhook.Payload;
        var contactId = p.Text("id")!;
        var orderKey = ContactPayload.ChangedAt(parsed.Webhook, parsed.Event.ReceivedAt);
        // Preloaded for a batch (known to exist or not): no query per event.
        var known = await leads.FindAsync(parsed.SubAccountId, contactId, cancellationToken);
        if (parsed.Event.EventType == WebhookParser.ContactDelete)
        {
            known?.MarkCrmDeleted(orderKey, clock.GetUtcNow().UtcDateTime);
            return; // A contact never seen needs no lead just to say it is gone.
        }

        var details = ContactPayload.ToDetails(p, recreated: parsed.Event.EventType == WebhookParser.ContactCreate);
        if (known is null)
        {
            details = details with { Source = details.Source ?? "gohighlevel" };
        }

        var fallback = known?.Timezone ?? await leads.SubAccountTimezoneAsync(parsed.SubAccountId, cancellationToken);
        var timezone = p.Text("timezone") is { } given && TimeZoneInfo.TryFindSystemTimeZoneById(given, out _)
            ? given
            : known is not null && SameWhereabouts(details, known) ? known.Timezone // Nothing to detect anew (the echo of the hub's change).
            : TimezoneDetector.Detect(details.Country ?? known?.Country, details.State ?? known?.State, details.PostalCode ?? known?.PostalCode,
                details.Phone ?? known?.Phone, fallback);
        // The integration's conflict policy decides a field the hub changed too (contract: "Leads edited in the hub").
        var policy = policies is null ? Domain.Leads.ConflictPolicy.LastWriteWins : await policies.ForIntegrationAsync(parsed.Event.IntegrationId, cancellationToken);
        await leads.UpsertAsync(parsed.SubAccountId, contactId, details, timezone, orderKey, cancellationToken, policy);
    }

    private static bool SameWhereabouts(Domain.Leads.ContactDetails details, Domain.Leads.Lead lead) =>
        (details.Country ?? lead.Country) == lead.Country && (details.State ?? lead.State) == lead.State
        && (details.PostalCode ?? lead.PostalCode) == lead.PostalCode && (details.Phone ?? lead.Phone) == lead.Phone;

    /// <summary>Messages logged before their contact's lead existed get its id now (reads match them by contact id anyway).</summary>
    public async Task AfterCommitAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var subAccounts = events.Select(e => e.SubAccountId).Distinct().ToList();
        var contactIds = events.Select(e => e.Webhook.Payload.Text("id")).OfType<string>().Distinct().ToList();
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

    public void Forget() => leads.Forget();
}
