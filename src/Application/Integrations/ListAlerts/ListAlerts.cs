using FluentValidation;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Application.Integrations;

public sealed record ListAlertsQuery(int? IntegrationId, string? Kind) : IQuery<IReadOnlyList<AlertDto>>;

public sealed record AlertDto(int Id, int IntegrationId, string Kind, string Message, DateTime RaisedAt, DateTime? DeliveredAt)
{
    public static AlertDto From(IntegrationAlert a) => new(a.Id, a.IntegrationId, a.Kind.ToApiName(), a.Message, a.RaisedAt, a.DeliveredAt);
}

public sealed class ListAlertsQueryValidator : AbstractValidator<ListAlertsQuery>
{
    public ListAlertsQueryValidator() =>
        RuleFor(x => x.Kind).Must(k => k is null || k is "failing" or "recovered" or "conflict").WithMessage("kind must be failing, recovered or conflict.");
}

/// <summary>Alerts, newest first (the last 500).</summary>
public sealed class ListAlertsHandler(IAppDbContext db) : IQueryHandler<ListAlertsQuery, IReadOnlyList<AlertDto>>
{
    public async ValueTask<IReadOnlyList<AlertDto>> Handle(ListAlertsQuery query, CancellationToken cancellationToken)
    {
        var alerts = db.IntegrationAlerts.AsNoTracking();
        if (query.IntegrationId is { } integrationId)
        {
            alerts = alerts.Where(a => a.IntegrationId == integrationId);
        }

        if (query.Kind is { } kindText)
        {
            var kind = Enum.GetValues<AlertKind>().Single(k => k.ToApiName() == kindText);
            alerts = alerts.Where(a => a.Kind == kind);
        }

        return (await alerts.OrderByDescending(a => a.Id).Take(500).ToListAsync(cancellationToken)).Select(AlertDto.From).ToList();
    }
}
