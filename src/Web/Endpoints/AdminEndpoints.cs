using IntegrationHub.Application.Access;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

public sealed class AdminEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.AdminGroup("/admins", "Access").MapPost("/", CreateAdmin);

    public static async Task<IResult> CreateAdmin(CreateAdminCommand command, IMediator mediator, CancellationToken ct)
    {
        var admin = await mediator.Send(command, ct);
        return Results.Created($"/api/admin/admins/{admin.Id}", admin);
    }
}
