using IntegrationHub.Domain.Integrations;
using IntegrationHub.Web.Infrastructure.OpenApi;
using IntegrationHub.Application.Integrations;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

public sealed class IntegrationEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.AdminGroup("/integrations", "Integrations");
        admin.MapPost("/", CreateIntegration).Returns<IntegrationDto>(201).Fails(400, 404, 409, 413);
        admin.MapGet("/", ListIntegrations).Returns<IReadOnlyList<IntegrationDto>>().Fails(400);
        admin.MapGet("/{id:int}", GetIntegration).Returns<IntegrationDto>().Fails(404);
        admin.MapPut("/{id:int}", UpdateIntegration).Returns<IntegrationDto>().Fails(400, 404, 409, 413);
        admin.MapDelete("/{id:int}", DeleteIntegration).ReturnsNoContent().Fails(404);
        admin.MapPost("/{id:int}/status", ChangeStatus).Returns<IntegrationDto>().Fails(400, 404, 409, 413);

        app.AdminGroup("/encryption", "Integrations").MapPost("/reencrypt", ReencryptSecrets).Returns<ReencryptSecretsResult>();

        var tenant = app.SignedInGroup("/api/integrations", "Integrations");
        tenant.MapGet("/", ListVisibleIntegrations).Returns<IReadOnlyList<IntegrationDto>>();
        tenant.MapGet("/{id:int}", GetIntegration).WithName("getVisibleIntegration").Returns<IntegrationDto>().Fails(404);
    }

    public static async Task<IResult> CreateIntegration(CreateIntegrationCommand command, IMediator mediator, CancellationToken ct)
    {
        var integration = await mediator.Send(command, ct);
        return Results.Created($"/api/admin/integrations/{integration.Id}", integration);
    }

    public static async Task<IResult> ListIntegrations(int? subAccountId, [ApiValues(typeof(IntegrationStatus))] string? status, string? template, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListIntegrationsQuery(subAccountId, status, template), ct));

    public static async Task<IResult> ListVisibleIntegrations(IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListVisibleIntegrationsQuery(), ct));

    public static async Task<IResult> GetIntegration(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetIntegrationQuery(id), ct));

    public static async Task<IResult> UpdateIntegration(int id, UpdateIntegrationCommand command, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(command with { Id = id }, ct));

    public static async Task<IResult> DeleteIntegration(int id, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteIntegrationCommand(id), ct);
        return Results.NoContent();
    }

    public static async Task<IResult> ChangeStatus(int id, ChangeIntegrationStatusCommand command, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(command with { Id = id }, ct));

    public static async Task<IResult> ReencryptSecrets(IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ReencryptSecretsCommand(), ct));
}
