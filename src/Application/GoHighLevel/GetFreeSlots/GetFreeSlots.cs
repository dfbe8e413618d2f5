using System.Globalization;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// A calendar's free slots from GoHighLevel (<c>GET /calendars/{calendarId}/free-slots</c>) for a tenant's own integration
/// or any (admin). <c>from</c>/<c>to</c> are dates (<c>YYYY-MM-DD</c>, read in <c>timezone</c>, else UTC; <c>to</c>'s
/// whole day included) or instants, at most 31 days apart, as GoHighLevel allows.
/// </summary>
public sealed record GetFreeSlotsQuery(int IntegrationId, string? CalendarId, string? From, string? To, string? Timezone) : IQuery<FreeSlotsDto>;

public sealed record FreeSlotsDto(string? Timezone, IReadOnlyList<string> Slots);

public sealed class GetFreeSlotsHandler(ICurrentUser user, GhlConnections connections, IGoHighLevelGateway gateway)
    : IQueryHandler<GetFreeSlotsQuery, FreeSlotsDto>
{
    public const int MaxDays = 31;

    public async ValueTask<FreeSlotsDto> Handle(GetFreeSlotsQuery query, CancellationToken cancellationToken)
    {
        var zone = ZoneOf(query.Timezone);
        var from = Bound(query.From, "from", zone, endOfDay: false);
        var to = Bound(query.To, "to", zone, endOfDay: true);
        if (to <= from)
        {
            throw new ValidationException("to", "to must be after from.");
        }

        if (to - from > TimeSpan.FromDays(MaxDays))
        {
            throw new ValidationException("to", $"from and to may be at most {MaxDays} days apart (GoHighLevel's limit).");
        }

        var (integration, kind) = await connections.LoadAsync(query.IntegrationId, cancellationToken);
        if (!user.CanSee(integration.SubAccountId))
        {
            throw new NotFoundException("Integration", query.IntegrationId);
        }

        if (kind != IntegrationKind.GoHighLevel)
        {
            throw new ConflictException("Free slots are only available for GoHighLevel integrations.");
        }

        var calendarId = query.CalendarId ?? GhlConfig.Read(integration.ConfigJson).CalendarId
            ?? throw new ValidationException("calendarId", "calendarId is required (the integration has no default calendarId).");
        try
        {
            var slots = await gateway.GetFreeSlots(connections.Connect(integration), calendarId, from, to, query.Timezone, cancellationToken);
            return new FreeSlotsDto(query.Timezone, slots.Slots);
        }
        catch (GhlApiException ex) when (ex.Kind == GhlFailureKind.Unauthorized)
        {
            throw new ConflictException($"GoHighLevel refused the integration's credentials: {ex.Message}");
        }
    }

    private static TimeZoneInfo ZoneOf(string? timezone)
    {
        if (timezone is null)
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var zone) && zone.HasIanaId
            ? zone
            : throw new ValidationException("timezone", "timezone must be an IANA time zone such as America/Chicago.");
    }

    private static DateTimeOffset Bound(string? text, string field, TimeZoneInfo zone, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ValidationException(field, $"{field} is required: a date (2026-03-02) or an instant (2026-03-02T09:00:00-05:00).");
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = (endOfDay ? date.AddDays(1) : date).ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && text.Contains('T')
            ? instant
            : throw new ValidationException(field, $"{field} must be a date (2026-03-02) or an instant with its offset (2026-03-02T09:00:00-05:00).");
    }
}
