using IntegrationHub.Application.GoHighLevel;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

/// <summary>The GoHighLevel connector's admin actions on one integration.</summary>
public sealed class GoHighLevelEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var integration = app.AdminGroup("/integrations/{id:int}", "GoHighLevel");
        integration.MapPost("/test", TestConnection).Returns<ConnectionTestResult>().Fails(404);
        integration.MapPost("/setup-ghl-webhook", SetupWebhook).Returns<WebhookSetupResult>().Fails(404, 409);
        integration.MapPost("/sync", StartSync).Returns<StartedSync>(202).Fails(404, 409);
        integration.MapGet("/sync-runs", ListSyncRuns).Returns<IReadOnlyList<SyncRunDto>>().Fails(404);
        integration.MapPost("/block-slots", CreateBlockSlot).Returns<GhlBlockSlot>(201).Fails(400, 404, 409, 413, 422, 429, 502);
    }

    public static async Task<IResult> TestConnection(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new TestConnectionCommand(id), ct));

    public static async Task<IResult> SetupWebhook(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new SetupGhlWebhookCommand(id), ct));

    public static async Task<IResult> StartSync(int id, IMediator mediator, CancellationToken ct)
    {
        var started = await mediator.Send(new StartContactSyncCommand(id), ct);
        return Results.Accepted($"/api/admin/integrations/{id}/sync-runs", started);
    }

    public static async Task<IResult> ListSyncRuns(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListSyncRunsQuery(id), ct));

    public static async Task<IResult> CreateBlockSlot(int id, CreateBlockSlotCommand command, IMediator mediator, CancellationToken ct) =>
        Results.Created((string?)null, await mediator.Send(command with { IntegrationId = id }, ct));
}
