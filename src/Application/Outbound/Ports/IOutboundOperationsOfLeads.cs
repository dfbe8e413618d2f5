using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.Outbound;

/// <summary>A lead's contact operation as a planner needs to see it (kind, status, whether it has started).</summary>
public sealed record LeadOperation(int? LeadId, OutboundKind Kind, OutboundStatus Status, int AttemptCount);

/// <summary>What other modules may know of the operations already planned for leads (Outbound owns the table).</summary>
public interface IOutboundOperationsOfLeads
{
    /// <summary>The leads' contact creates and updates that are not cancelled.</summary>
    Task<IReadOnlyList<LeadOperation>> ContactOperationsOfAsync(IReadOnlyCollection<int?> leadIds, CancellationToken cancellationToken);

    /// <summary>Cancels the lead's contact updates held in <c>conflict</c> (staged in the caller's unit of work, saved by it).</summary>
    Task CancelHeldContactUpdatesAsync(int leadId, string reason, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// An erasure: the operations of the lead and of its bookings are cancelled if unfinished and forget what they sent
    /// (staged in the caller's unit of work, saved by it). Returns how many.
    /// </summary>
    Task<int> RedactForErasureAsync(int leadId, IReadOnlyCollection<int> bookingIds, DateTime now, CancellationToken cancellationToken);
}

public sealed class OutboundOperationsOfLeads(IAppDbContext db) : IOutboundOperationsOfLeads
{
    public async Task<IReadOnlyList<LeadOperation>> ContactOperationsOfAsync(IReadOnlyCollection<int?> leadIds, CancellationToken cancellationToken) =>
        await db.OutboundOperations.AsNoTracking()
            .Where(o => leadIds.Contains(o.LeadId) && (o.Kind == OutboundKind.ContactCreate || o.Kind == OutboundKind.ContactUpdate)
                && o.Status != OutboundStatus.Cancelled)
            .Select(o => new LeadOperation(o.LeadId, o.Kind, o.Status, o.AttemptCount)).ToListAsync(cancellationToken);

    public async Task CancelHeldContactUpdatesAsync(int leadId, string reason, DateTime now, CancellationToken cancellationToken)
    {
        var held = await db.OutboundOperations
            .Where(o => o.LeadId == leadId && o.Kind == OutboundKind.ContactUpdate && o.Status == OutboundStatus.Conflict)
            .ToListAsync(cancellationToken);
        held.ForEach(o => o.Cancel(now, reason));
    }

    public async Task<int> RedactForErasureAsync(int leadId, IReadOnlyCollection<int> bookingIds, DateTime now, CancellationToken cancellationToken)
    {
        var operations = await db.OutboundOperations.Include(o => o.Attempts)
            .Where(o => o.LeadId == leadId || (o.BookingId != null && bookingIds.Contains(o.BookingId.Value)))
            .ToListAsync(cancellationToken);
        operations.ForEach(o => o.Redact(now));
        return operations.Count;
    }
}

/// <summary>Outbound's published surface for bookings: the latest operation of each (where its calendar stands).</summary>
public interface IOutboundOperationsOfBookings
{
    Task<IReadOnlyDictionary<int, BookingOperation>> LatestByBookingAsync(IReadOnlyCollection<int> bookingIds, CancellationToken cancellationToken);
}

/// <summary>A booking's latest operation: its kind, status and last error.</summary>
public sealed record BookingOperation(int BookingId, OutboundKind Kind, OutboundStatus Status, string? LastError);

public sealed class OutboundOperationsOfBookings(IAppDbContext db) : IOutboundOperationsOfBookings
{
    public async Task<IReadOnlyDictionary<int, BookingOperation>> LatestByBookingAsync(IReadOnlyCollection<int> bookingIds, CancellationToken cancellationToken)
    {
        if (bookingIds.Count == 0)
        {
            return new Dictionary<int, BookingOperation>();
        }

        var operations = await db.OutboundOperations.AsNoTracking()
            .Where(o => o.BookingId != null && bookingIds.Contains(o.BookingId.Value))
            .Select(o => new { o.Id, BookingId = o.BookingId!.Value, o.Kind, o.Status, o.LastError })
            .ToListAsync(cancellationToken);
        return operations.GroupBy(o => o.BookingId).ToDictionary(g => g.Key, g => g.OrderByDescending(o => o.Id).Select(o =>
            new BookingOperation(o.BookingId, o.Kind, o.Status, o.LastError)).First());
    }
}
