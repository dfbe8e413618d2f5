using IntegrationHub.Application.Integrations;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

public sealed class IntegrationEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.AdminGroup("/integrations", "Integrations");
        admin.MapPost("/", CreateIntegration);
        admin.MapGet("/", ListIntegrations);
        admin.MapGet("/{id:int}", GetIntegration);
        admin.MapPut("/{id:int}", UpdateIntegration);
        admin.MapDelete("/{id:int}", DeleteIntegration);
        admin.MapPost("/{id:int}/status", ChangeStatus);

        app.AdminGroup("/encryption", "Integrations").MapPost("/reencrypt", ReencryptSecrets);

        var tenant = app.MapGroup("/api/integrations").RequireAuthorization().WithTags("Integrations");
        tenant.MapGet("/", ListVisibleIntegrations);
        tenant.MapGet("/{id:int}", GetIntegration);
    }

    public static async Task<IResult> CreateIntegration(CreateIntegrationCommand command, IMediator mediator, CancellationToken ct)
    {
        var integration = await mediator.Send(command, ct);
        return Results.Created($"/api/admin/integrations/{integration.Id}", integration);
    }

    public static async Task<IResult> ListIntegrations(int? subAccountId, string? status, string? template, IMediator mediator, CancellationToken ct) =>
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
