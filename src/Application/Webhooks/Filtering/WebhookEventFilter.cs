using FluentValidation;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

/// <summary>
/// Which stored events a bulk action or its preview is about: every criterion optional, all of them together.
/// <c>From</c> is inclusive and <c>To</c> exclusive (received at or after <c>From</c>, before <c>To</c>), so a preview of
/// "older than" counts exactly what a purge with the same instant removes.
/// </summary>
public interface IWebhookEventFilter
{
    string? Status { get; }
    string? Type { get; }
    string? LocationId { get; }
    DateTimeOffset? From { get; }
    DateTimeOffset? To { get; }
}

public static class WebhookEventFilters
{
    /// <summary>The names of the filter's fields that were given (for the audit row: names, not values).</summary>
    public static IReadOnlyList<string> FilterFieldsGiven(this IWebhookEventFilter filter) =>
        new (string Name, bool Given)[]
        {
            ("status", filter.Status is not null), ("type", filter.Type is not null), ("locationId", filter.LocationId is not null),
            ("from", filter.From is not null), ("to", filter.To is not null),
        }.Where(f => f.Given).Select(f => f.Name).ToList();

    /// <summary>The API names of every status (<c>retryScheduled</c>), in the enum's order.</summary>
    public static IReadOnlyList<string> StatusNames { get; } = Enum.GetValues<WebhookEventStatus>().Select(s => s.ToApiName()).ToArray();

    /// <summary>A status by its API name, any case; a number is not a name (<c>Enum.TryParse</c> would take "3").</summary>
    public static bool TryParseStatus(string? text, out WebhookEventStatus status)
    {
        status = default;
        return text is not null && !int.TryParse(text, out _) && Enum.TryParse(text, ignoreCase: true, out status)
            && Enum.IsDefined(status);
    }

    /// <summary>The events of <paramref name="events"/> that match; call only with a validated filter.</summary>
    public static IQueryable<WebhookEvent> Matching(this IQueryable<WebhookEvent> events, IWebhookEventFilter filter)
    {
        if (TryParseStatus(filter.Status, out var status))
        {
            events = events.Where(e => e.Status == status);
        }

        if (!string.IsNullOrEmpty(filter.Type))
        {
            events = events.Where(e => e.EventType == filter.Type);
        }

        if (!string.IsNullOrEmpty(filter.LocationId))
        {
            events = events.Where(e => e.LocationId == filter.LocationId);
        }

        if (filter.From is { } from)
        {
            var fromUtc = from.UtcDateTime;
            events = events.Where(e => e.ReceivedAt >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = to.UtcDateTime;
            events = events.Where(e => e.ReceivedAt < toUtc);
        }

        return events;
    }
}

/// <summary>
/// The filter's rules, shared by the count, the replay and their validators: a refused filter changes nothing, and one
/// that cannot match (a misspelt status) is refused rather than read as "no status given", which would widen a replay.
/// </summary>
public abstract class WebhookEventFilterValidator<T> : AbstractValidator<T> where T : IWebhookEventFilter
{
    protected WebhookEventFilterValidator()
    {
        RuleFor(x => x.Status).Must(s => s is null || WebhookEventFilters.TryParseStatus(s, out _))
            .WithMessage("status must be one of " + string.Join(", ", WebhookEventFilters.StatusNames) + ".");
        RuleFor(x => x.Type).Must(t => t is null || t.Trim().Length > 0).WithMessage("type must not be blank; leave it out to match every type.")
            .MaximumLength(200).WithMessage("type is at most 200 characters (the longest type the inbox stores).")
            .Must(NoControlCharacters).WithMessage("type must not contain control characters.");
        RuleFor(x => x.LocationId).Must(l => l is null || l.Trim().Length > 0).WithMessage("locationId must not be blank; leave it out to match every location.")
            .MaximumLength(200).WithMessage("locationId is at most 200 characters.")
            .Must(NoControlCharacters).WithMessage("locationId must not contain control characters.");
        RuleFor(x => x.To).Must((filter, to) => filter.From is not { } from || to is not { } end || from <= end)
            .WithMessage("to must not be before from.");
    }

    private static bool NoControlCharacters(string? text) => text is null || !text.Any(char.IsControl);
}
