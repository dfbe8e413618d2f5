using System.ComponentModel.DataAnnotations;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.Infrastructure.OpenApi;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

/// <summary>Outbound operations (what the hub sends to GoHighLevel and the alert webhook): seen and steered by admins.</summary>
public sealed class OutboundEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.AdminGroup("/outbound", "Outbound");
        admin.MapGet("/", ListOutboundOperations).Returns<IReadOnlyList<OutboundOperationDto>>().Fails(400);
        admin.MapGet("/summary", SummarizeOutboundOperations).Returns<OutboundSummary>();
        admin.MapGet("/{id:int}", GetOutboundOperation).Returns<OutboundOperationDetailsDto>().Fails(404);
        admin.MapPost("/{id:int}/retry", RetryOutboundOperation).Returns<OutboundOperationDto>(202).Fails(404, 409);
        admin.MapDelete("/{id:int}", CancelOutboundOperation).ReturnsNoContent().Fails(404, 409);
    }

    public static async Task<IResult> ListOutboundOperations([ApiValues(typeof(OutboundStatus))] string? status,
        [ApiValues(typeof(OutboundNames), nameof(OutboundNames.AllKinds))] string? kind, int? integrationId, int? leadId,
        [Range(1, ListOutboundOperationsHandler.MaxLimit)] int? limit, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListOutboundOperationsQuery(status, kind, integrationId, leadId, limit), ct));

    public static async Task<IResult> SummarizeOutboundOperations(IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new SummarizeOutboundOperationsQuery(), ct));

    public static async Task<IResult> GetOutboundOperation(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetOutboundOperationQuery(id), ct));

    public static async Task<IResult> RetryOutboundOperation(int id, IMediator mediator, CancellationToken ct) =>
        Results.Json(await mediator.Send(new RetryOutboundOperationCommand(id), ct), statusCode: StatusCodes.Status202Accepted);

    public static async Task<IResult> CancelOutboundOperation(int id, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new CancelOutboundOperationCommand(id), ct);
        return Results.NoContent();
    }
}
