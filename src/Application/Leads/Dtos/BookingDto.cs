using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

/// <summary>A booking as the contract shows it: times with the offset they were made with.</summary>
public sealed record BookingDto
{
    public int Id { get; init; }
    public int LeadId { get; init; }
    public int SubAccountId { get; init; }
    public string? CalendarId { get; init; }
    public string? Title { get; init; }
    public string? Notes { get; init; }
    public DateTimeOffset StartTime { get; init; }
    public DateTimeOffset EndTime { get; init; }
    public string Status { get; init; } = "";
    public string? ExternalEventId { get; init; }

    /// <summary>
    /// Where the calendar stands: <c>pending</c> (an operation is on its way), <c>synced</c>, <c>failed</c> (its reason in
    /// <see cref="SyncError"/>), <c>off</c> (the sub-account's booking sync is off, or it has no GoHighLevel integration).
    /// </summary>
    public string SyncStatus { get; init; } = "";

    public string? SyncError { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public static BookingDto From(Booking booking, BookingSyncState sync) => new()
    {
        Id = booking.Id,
        LeadId = booking.LeadId,
        SubAccountId = booking.SubAccountId,
        CalendarId = booking.CalendarId,
        Title = booking.Title,
        Notes = booking.Notes,
        StartTime = booking.StartTime,
        EndTime = booking.EndTime,
        Status = booking.Status.ToApiName(),
        ExternalEventId = booking.ExternalEventId,
        SyncStatus = sync.Status,
        SyncError = sync.Error,
        CreatedAt = booking.CreatedAt,
        UpdatedAt = booking.UpdatedAt,
    };
}

public sealed record BookingSyncState(string Status, string? Error)
{
    public static readonly BookingSyncState Off = new("off", null);
}
