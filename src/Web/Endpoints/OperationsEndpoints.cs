using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Web.Infrastructure.OpenApi;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

/// <summary>Health checks and alerts.</summary>
public sealed class OperationsEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.AdminGroup("/alerts", "Operations").MapGet("/", ListAlerts).Returns<IReadOnlyList<AlertDto>>().Fails(400);
        app.AdminGroup("/health-checks", "Operations").MapPost("/run", RunHealthSweep).Returns<HealthSweepStarted>(202);
    }

    public static async Task<IResult> ListAlerts(int? integrationId, [ApiValues(typeof(AlertKind))] string? kind, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListAlertsQuery(integrationId, kind), ct));

    /// <summary>Starts a sweep of the integrations that are due now; it runs in the background (see /hangfire).</summary>
    public static IResult RunHealthSweep(IBackgroundJobs jobs)
    {
        jobs.EnqueueHealthSweep();
        return Results.Json(new HealthSweepStarted("started"), statusCode: StatusCodes.Status202Accepted);
    }
}

public sealed record HealthSweepStarted(string Status);
