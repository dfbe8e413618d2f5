using FluentValidation;

namespace IntegrationHub.Application.Leads;

/// <summary>Leads created on each of the last <see cref="Days"/> days (UTC), today included.</summary>
public sealed record CountLeadsPerDayQuery(int Days = 14) : IQuery<IReadOnlyList<LeadsOnDay>>;

/// <summary>How many leads the hub created on one UTC day (from a webhook, a sync, the API or the console).</summary>
public sealed record LeadsOnDay(DateOnly Day, int Count);

public sealed class CountLeadsPerDayQueryValidator : AbstractValidator<CountLeadsPerDayQuery>
{
    public const int MaxDays = 92;

    public CountLeadsPerDayQueryValidator() =>
        RuleFor(x => x.Days).InclusiveBetween(1, MaxDays).WithMessage($"days must be a whole number from 1 to {MaxDays}.");
}

/// <summary>
/// One indexed range count per day (the leads' creation time is indexed) rather than a GROUP BY on a date expression:
/// the same query on every provider, and none of them scans the table. Every day is listed, zeros included.
/// A tenant counts its own sub-account's leads; an admin counts all.
/// </summary>
public sealed class CountLeadsPerDayHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<CountLeadsPerDayQuery, IReadOnlyList<LeadsOnDay>>
{
    public async ValueTask<IReadOnlyList<LeadsOnDay>> Handle(CountLeadsPerDayQuery query, CancellationToken cancellationToken)
    {
        var subAccountId = user.ScopeSubAccount(null);
        var leads = db.Leads.AsNoTracking();
        if (subAccountId is { } own)
        {
            leads = leads.Where(l => l.SubAccountId == own);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var days = new List<LeadsOnDay>(query.Days);
        for (var day = today.AddDays(1 - query.Days); day <= today; day = day.AddDays(1))
        {
            var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var end = start.AddDays(1);
            days.Add(new LeadsOnDay(day, await leads.CountAsync(l => l.CreatedAt >= start && l.CreatedAt < end, cancellationToken)));
        }

        return days;
    }
}
