using IntegrationHub.Application.Leads;

namespace IntegrationHub.Application.Webhooks;

/// <summary>ContactCreate: the contact becomes (or updates) the sub-account's lead, its time zone detected.</summary>
public sealed class ContactEventHandler(IAppDbContext db, LeadUpserter leads) : IWebhookEventHandler
{
    public bool Handles(string eventType) => eventType == WebhookParser.ContactCreate;

    public Task PrepareAsync(IReadOnlyList<ParsedEvent> events, CancellationToken cancellationToken) =>
        leads.PreloadAsync(events.Select(e => e.SubAccountId).Distinct().ToList(),
            events.Select(e => e.Webhook.Payload.Text("id")).OfType<string>().Distinct().ToList(), cancellationToken);

    public async Task HandleAsync(ParsedEvent parsed, CancellationToken cancellationToken)
    {
        var p = parsed.Webhook.Payload;
        var details = ContactPayload.ToDetails(p);
        var fallback = await leads.SubAccountTimezoneAsync(parsed.SubAccountId, cancellationToken);
        var timezone = p.Text("timezone") is { } given && TimeZoneInfo.TryFindSystemTimeZoneById(given, out _)
            ? given
            : TimezoneDetector.Detect(details.Country, details.State, details.PostalCode, details.Phone, fallback);
        await leads.UpsertAsync(parsed.SubAccountId, p.Text("id")!, details, timezone, ContactPayload.ChangedAt(parsed.Webhook), cancellationToken);
    }

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
