using FluentValidation;
using IntegrationHub.Application.Common.Models;
using IntegrationHub.Application.Common.Validation;
using IntegrationHub.Domain.Audit;
using IntegrationHub.Domain.Common;

namespace IntegrationHub.Application.Audit;

/// <param name="Actor"><c>admin</c>, <c>user</c> or <c>system</c>, optionally with an id: <c>admin:3</c>.</param>
public sealed record ListAuditEntriesQuery(string? Actor, string? Action, string? EntityType, string? EntityId,
    string? From, string? To, int? Page, int? PageSize) : IQuery<PagedResult<AuditEntryDto>>;

public sealed record AuditEntryDto(int Id, DateTime At, string ActorType, int? ActorId, string Action, string EntityType,
    string EntityId, int? SubAccountId, IReadOnlyList<string> Changes, string? Ip)
{
    public static AuditEntryDto From(AuditEntry a) =>
        new(a.Id, a.At, a.ActorType.ToApiName(), a.ActorId, a.Action, a.EntityType, a.EntityId, a.SubAccountId, a.ChangedFields, a.Ip);
}

public sealed class ListAuditEntriesQueryValidator : AbstractValidator<ListAuditEntriesQuery>
{
    private static string InstantRule(string field) =>
        $"{field} must be an ISO-8601 date and time with an offset or Z, such as 2026-12-01T09:30:00Z (in a URL, + is %2B).";

    public ListAuditEntriesQueryValidator()
    {
        RuleFor(x => x.Actor).Must(a => a is null || AuditActorFilter.TryParse(a, out _))
            .WithMessage("actor must be admin, user or system, optionally followed by :id (admin:3).");
        RuleFor(x => x.Action).MaximumLength(AuditEntry.ActionLength);
        RuleFor(x => x.EntityType).MaximumLength(AuditEntry.EntityTypeLength);
        RuleFor(x => x.EntityId).MaximumLength(AuditEntry.EntityIdLength);
        RuleFor(x => x.From).Must(from => from is null || IsoInstant.TryParse(from, out _)).WithMessage(InstantRule("from"));
        RuleFor(x => x.To).Must(to => to is null || IsoInstant.TryParse(to, out _)).WithMessage(InstantRule("to"))
            .Must((q, to) => !IsoInstant.TryParse(q.From, out var from) || !IsoInstant.TryParse(to, out var until) || from <= until)
            .WithMessage("from must not be after to.");
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

/// <summary>The audit log, newest first, filtered by actor, action, entity and time.</summary>
public sealed class ListAuditEntriesHandler(IAppDbContext db) : IQueryHandler<ListAuditEntriesQuery, PagedResult<AuditEntryDto>>
{
    public async ValueTask<PagedResult<AuditEntryDto>> Handle(ListAuditEntriesQuery query, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (AuditActorFilter.TryParse(query.Actor, out var actor))
        {
            entries = entries.Where(a => a.ActorType == actor.Type);
            if (actor.Id is { } actorId)
            {
                entries = entries.Where(a => a.ActorId == actorId);
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(a => a.Action == query.Action.Trim());
        }

        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            entries = entries.Where(a => a.EntityType == query.EntityType.Trim());
        }

        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            entries = entries.Where(a => a.EntityId == query.EntityId.Trim());
        }

        if (IsoInstant.TryParse(query.From, out var from))
        {
            var fromUtc = from.UtcDateTime;
            entries = entries.Where(a => a.At >= fromUtc);
        }

        if (IsoInstant.TryParse(query.To, out var to))
        {
            var toUtc = to.UtcDateTime;
            entries = entries.Where(a => a.At <= toUtc);
        }

        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? Paging.DefaultPageSize;
        var total = await entries.CountAsync(cancellationToken);
        var found = await entries.OrderByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<AuditEntryDto>(found.Select(AuditEntryDto.From).ToList(), total, page, pageSize);
    }
}

/// <summary>Reads the <c>actor</c> filter: a type (<c>admin</c>), or a type and an id (<c>admin:3</c>).</summary>
public static class AuditActorFilter
{
    public static bool TryParse(string? text, out (AuditActorType Type, int? Id) actor)
    {
        actor = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split(':');
        var type = Enum.GetValues<AuditActorType>().Where(t => t.ToApiName() == parts[0]).Cast<AuditActorType?>().FirstOrDefault();
        if (type is null || parts.Length > 2)
        {
            return false;
        }

        if (parts.Length == 1)
        {
            actor = (type.Value, null);
            return true;
        }

        if (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        actor = (type.Value, id);
        return true;
    }
}
