using IntegrationHub.Application.Access;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

public sealed class AdminEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admins = app.AdminGroup("/admins", "Access");
        admins.MapPost("/", CreateAdmin).Returns<AdminCreatedDto>(201).Fails(400, 409, 413);
        admins.MapGet("/", ListAdmins).Returns<IReadOnlyList<AdminDto>>();
        admins.MapDelete("/{id:int}", DeleteAdmin).ReturnsNoContent().Fails(404, 409);
        admins.MapPost("/{id:int}/token", RotateAdminToken).Returns<NewTokenDto>().Fails(404);
    }

    public static async Task<IResult> CreateAdmin(CreateAdminCommand command, IMediator mediator, CancellationToken ct)
    {
        var admin = await mediator.Send(command, ct);
        return Results.Created($"/api/admin/admins/{admin.Id}", admin);
    }

    public static async Task<IResult> ListAdmins(IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListAdminsQuery(), ct));

    public static async Task<IResult> DeleteAdmin(int id, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteAdminCommand(id), ct);
        return Results.NoContent();
    }

    public static async Task<IResult> RotateAdminToken(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new RotateAdminTokenCommand(id), ct));
}
