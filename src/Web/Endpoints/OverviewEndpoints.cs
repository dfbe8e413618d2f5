using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Leads;
using IntegrationHub.Infrastructure.Observability;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

/// <summary>The console overview's numbers, for scripts as for the page.</summary>
public sealed class OverviewEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.AdminGroup("/overview", "Operations").MapGet("/", GetOverview).Returns<OverviewDto>();

    /// <summary>
    /// Reads the parts through the queries the other routes use (leads per day, integrations, alerts) and this instance's
    /// samples; composing them here keeps each module's query its own.
    /// </summary>
    public static async Task<IResult> GetOverview(IMediator mediator, RecentMetrics recent, CancellationToken ct)
    {
        var leadsPerDay = await mediator.Send(new CountLeadsPerDayQuery(), ct);
        var integrations = await mediator.Send(new ListIntegrationsQuery(null, null, null), ct);
        var alerts = await mediator.Send(new ListAlertsQuery(null, null), ct);
        return Results.Ok(OverviewDto.Compose(recent.Snapshot(), leadsPerDay, integrations, alerts));
    }
}
