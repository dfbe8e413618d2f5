using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Leads;

/// <summary>
/// A lead's appointment in the hub, mirrored in a GoHighLevel calendar (contract: "Bookings"). Times are kept as the
/// instant (UTC) plus the offset they were given with, so a booking made for 10:00-05:00 is shown and sent as 10:00-05:00.
/// Changes made in the hub raise events that become <c>booking.*</c> operations; changes GoHighLevel reports
/// (<see cref="ApplyFromCrm"/>) are ordered by its <c>dateUpdated</c> and raise none (they came from there).
/// </summary>
public sealed class Booking : AggregateRoot
{
    public const int MaxTitleLength = 200;
    public const int MaxNotesLength = 4000;
    public const int MaxIdLength = 128;

    private Booking() { }

    public int SubAccountId { get; private set; }
    public int LeadId { get; private set; }
    public string? CalendarId { get; private set; }
    public string? Title { get; private set; }
    public string? Notes { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }

    /// <summary>The offset the times were given with, in minutes east of UTC.</summary>
    public int OffsetMinutes { get; private set; }

    public BookingStatus Status { get; private set; }

    /// <summary>GoHighLevel's event (block slot or appointment) once created there.</summary>
    public string? ExternalEventId { get; private set; }

    /// <summary>GoHighLevel's <c>dateUpdated</c> of the last change it reported: an older report changes nothing.</summary>
    public DateTime? ExternalUpdatedAt { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public DateTimeOffset StartTime => new DateTimeOffset(StartUtc, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(OffsetMinutes));
    public DateTimeOffset EndTime => new DateTimeOffset(EndUtc, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(OffsetMinutes));

    /// <summary>A booking made in the hub: mirrored in GoHighLevel by the <c>booking.create</c> its event plans.</summary>
    public static Booking Create(int subAccountId, int leadId, DateTimeOffset start, DateTimeOffset end, string? title, string? calendarId,
        string? notes, DateTime now)
    {
        var booking = New(subAccountId, leadId, start, end, title, calendarId, notes, now);
        booking.Raise(new BookingCreated(booking));
        return booking;
    }

    /// <summary>An appointment made in GoHighLevel for a known contact: the hub's booking of its lead, sent nowhere.</summary>
    public static Booking FromCrm(int subAccountId, int leadId, string externalEventId, DateTimeOffset start, DateTimeOffset end, string? title,
        string? calendarId, string? notes, BookingStatus status, DateTime? externalUpdatedAt, DateTime now)
    {
        // GoHighLevel's own published example has endTime equal to startTime: taken as it comes, never earlier.
        var booking = New(subAccountId, leadId, start, end < start ? start : end, title, calendarId, notes, now, allowEmpty: true);
        booking.ExternalEventId = Guard.Truncate(externalEventId, MaxIdLength);
        booking.Status = status;
        booking.ExternalUpdatedAt = externalUpdatedAt;
        return booking;
    }

    private static Booking New(int subAccountId, int leadId, DateTimeOffset start, DateTimeOffset end, string? title, string? calendarId,
        string? notes, DateTime now, bool allowEmpty = false)
    {
        if (!allowEmpty)
        {
            CheckTimes(start, end);
        }

        return new Booking
        {
            SubAccountId = subAccountId,
            LeadId = leadId,
            StartUtc = start.UtcDateTime,
            EndUtc = end.UtcDateTime,
            OffsetMinutes = (int)start.Offset.TotalMinutes,
            Title = Guard.Truncate(title, MaxTitleLength),
            CalendarId = Guard.Truncate(calendarId, MaxIdLength),
            Notes = Guard.Truncate(notes, MaxNotesLength),
            Status = BookingStatus.Booked,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// A change made in the hub (reschedule, title, status other than cancelled). A cancelled booking cannot change: it
    /// is gone from the calendar.
    /// </summary>
    public bool Change(DateTimeOffset? start, DateTimeOffset? end, string? title, bool titleGiven, BookingStatus? status, DateTime now)
    {
        if (Status == BookingStatus.Cancelled)
        {
            throw new DomainRuleException("A cancelled booking cannot be changed; make a new one.");
        }

        if (status == BookingStatus.Cancelled)
        {
            throw new DomainRuleException("Cancel a booking with POST /api/bookings/{id}/cancel.");
        }

        var newStart = start ?? StartTime;
        var newEnd = end ?? EndTime;
        CheckTimes(newStart, newEnd);
        var changed = newStart.UtcDateTime != StartUtc || newEnd.UtcDateTime != EndUtc || (start is { } s && (int)s.Offset.TotalMinutes != OffsetMinutes)
            || (titleGiven && Guard.Truncate(title, MaxTitleLength) != Title) || (status is { } st && st != Status);
        if (!changed)
        {
            return false;
        }

        StartUtc = newStart.UtcDateTime;
        EndUtc = newEnd.UtcDateTime;
        OffsetMinutes = (int)(start ?? newStart).Offset.TotalMinutes;
        if (titleGiven)
        {
            Title = Guard.Truncate(title, MaxTitleLength);
        }

        Status = status ?? Status;
        UpdatedAt = now;
        Raise(new BookingChanged(this));
        return true;
    }

    public void Cancel(DateTime now)
    {
        if (Status == BookingStatus.Cancelled)
        {
            return; // Cancelling twice is the same as once.
        }

        Status = BookingStatus.Cancelled;
        UpdatedAt = now;
        Raise(new BookingCancelled(this));
    }

    /// <summary>GoHighLevel created its event: the booking now points at it.</summary>
    public void LinkToEvent(string externalEventId, DateTime now)
    {
        ExternalEventId = Guard.Truncate(externalEventId, MaxIdLength);
        UpdatedAt = now;
    }

    /// <summary>
    /// What GoHighLevel reports about the appointment (a webhook). Applied only when it is newer than the last report
    /// (<paramref name="dateUpdated"/>); returns whether it was.
    /// </summary>
    public bool ApplyFromCrm(DateTimeOffset? start, DateTimeOffset? end, string? title, BookingStatus? status, DateTime? dateUpdated, DateTime now)
    {
        if (dateUpdated is { } reported && ExternalUpdatedAt is { } known && reported <= known)
        {
            return false; // Stale or repeated: a later change is known already.
        }

        if (start is { } s && end is { } e && e >= s)
        {
            StartUtc = s.UtcDateTime;
            EndUtc = e.UtcDateTime;
            OffsetMinutes = (int)s.Offset.TotalMinutes;
        }

        Title = title is null ? Title : Guard.Truncate(title, MaxTitleLength);
        Status = status ?? Status;
        ExternalUpdatedAt = dateUpdated ?? ExternalUpdatedAt;
        UpdatedAt = now;
        return true;
    }

    private static void CheckTimes(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new InvalidValueException("endTime must be after startTime.", "endTime");
        }
    }
}

public enum BookingStatus
{
    Booked,
    Confirmed,
    Cancelled,
    Showed,
    NoShow,
}

/// <summary>The contract's words for booking statuses, and GoHighLevel's appointment statuses read as them.</summary>
public static class BookingStatuses
{
    public static IReadOnlyCollection<string> AllNames { get; } = Enum.GetValues<BookingStatus>().Select(s => s.ToApiName()).ToArray();

    public static string ToApiName(this BookingStatus status) => status switch
    {
        BookingStatus.NoShow => "noshow",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? name, out BookingStatus status)
    {
        foreach (var value in Enum.GetValues<BookingStatus>())
        {
            if (string.Equals(value.ToApiName(), name, StringComparison.Ordinal))
            {
                status = value;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>GoHighLevel's <c>appointmentStatus</c> (new, confirmed, cancelled, showed, noshow, invalid) as a booking status.</summary>
    public static BookingStatus? FromGoHighLevel(string? appointmentStatus) => appointmentStatus?.ToLowerInvariant() switch
    {
        "new" or "booked" => BookingStatus.Booked,
        "confirmed" => BookingStatus.Confirmed,
        "cancelled" or "invalid" => BookingStatus.Cancelled,
        "showed" => BookingStatus.Showed,
        "noshow" => BookingStatus.NoShow,
        _ => null,
    };

    /// <summary>The booking's status as GoHighLevel's <c>appointmentStatus</c>.</summary>
    public static string ToGoHighLevel(this BookingStatus status) => status switch
    {
        BookingStatus.Booked => "new",
        _ => status.ToApiName(),
    };
}

public sealed record BookingCreated(Booking Booking) : IDomainEvent;

public sealed record BookingChanged(Booking Booking) : IDomainEvent;

public sealed record BookingCancelled(Booking Booking) : IDomainEvent;
