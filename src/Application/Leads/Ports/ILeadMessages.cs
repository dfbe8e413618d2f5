using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// Leads' published surface for a connector that sends messages of leads' logs: the message an operation sends, tracked
/// (the connector records the outcome on it by the message's own rules; the operation's save commits it).
/// </summary>
public interface ILeadMessages
{
    Task<LeadMessage?> SentByAsync(int operationId, CancellationToken cancellationToken);
}

public sealed class LeadMessages(IAppDbContext db) : ILeadMessages
{
    public Task<LeadMessage?> SentByAsync(int operationId, CancellationToken cancellationToken) =>
        db.LeadMessages.SingleOrDefaultAsync(m => m.SendOperationId == operationId, cancellationToken);
}

/// <summary>
/// Whether a sub-account has a connection to send messages through: implemented by the connector (GoHighLevel), asked by
/// Leads before it accepts a message, so that nothing is queued for nobody.
/// </summary>
public interface IMessageCarriers
{
    Task<bool> HasCarrierAsync(int subAccountId, CancellationToken cancellationToken);
}
