using IntegrationHub.Application.Common.Auditing;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Application.Webhooks;

namespace IntegrationHub.Application.Leads;

/// <summary>A person's right to be forgotten: the lead and everything about it, optionally in GoHighLevel too.</summary>
public sealed record EraseLeadCommand(int LeadId, bool AlsoInCrm) : ICommand<ErasureResult>;

/// <summary>How many of each were removed (lead, messages, bookings) or redacted (webhook events, outbound operations).</summary>
public sealed record ErasureResult(int Lead, int Messages, int Bookings, int WebhookEvents, int Outbound);

/// <summary>
/// Removes the lead, its messages and bookings; cancels its unfinished outbound operations and strips what they sent;
/// replaces the stored body of every webhook event naming its contact, e-mail or phone with a marker of ids (so a
/// redelivery is still a duplicate, not a new lead). One save, one audit row naming the lead id only; on SQLite the
/// deleted bytes are overwritten and the write-ahead log emptied, so the person is in no database file afterwards.
/// With <see cref="EraseLeadCommand.AlsoInCrm"/> the connector plans <c>DELETE /contacts/{id}</c> (on <see cref="LeadErased"/>).
/// </summary>
public sealed class EraseLeadHandler(IAppDbContext db, IWebhookEventRedaction webhookEvents, IOutboundOperationsOfLeads outbound,
    IStorageScrubbing storage, IAuditTrail audit, TimeProvider clock) : ICommandHandler<EraseLeadCommand, ErasureResult>
{
    public async ValueTask<ErasureResult> Handle(EraseLeadCommand command, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == command.LeadId, cancellationToken)
            ?? throw new NotFoundException("Lead", command.LeadId);
        var contactId = lead.ExternalContactId;
        var messages = await db.LeadMessages
            .Where(m => m.LeadId == lead.Id || (contactId != null && m.SubAccountId == lead.SubAccountId && m.ExternalContactId == contactId))
            .ToListAsync(cancellationToken);
        var bookings = await db.Bookings.Where(b => b.LeadId == lead.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        await using (await storage.ScrubDeletesAsync(cancellationToken))
        {
            var operations = await outbound.RedactForErasureAsync(lead.Id, bookings.Select(b => b.Id).ToList(), now, cancellationToken);
            var events = await webhookEvents.RedactAboutAsync(lead.SubAccountId, new[] { contactId, lead.Email, lead.Phone }.OfType<string>().ToList(),
                cancellationToken);
            db.LeadMessages.RemoveRange(messages);
            db.Bookings.RemoveRange(bookings);
            lead.Erase(command.AlsoInCrm);
            db.Leads.Remove(lead);
            audit.Describe("Lead", lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), lead.SubAccountId);
            await db.SaveChangesAsync(cancellationToken);
            await storage.FlushAsync(cancellationToken);
            return new ErasureResult(1, messages.Count, bookings.Count, events, operations + (command.AlsoInCrm && contactId is not null ? 1 : 0));
        }
    }
}
