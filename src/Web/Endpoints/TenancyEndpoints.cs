using IntegrationHub.Application.Tenancy;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

public sealed class TenancyEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var subAccounts = app.AdminGroup("/sub-accounts", "Tenancy");
        subAccounts.MapPost("/", CreateSubAccount);
        subAccounts.MapGet("/", ListSubAccounts);
        subAccounts.MapGet("/{id:int}", GetSubAccount);
        subAccounts.MapDelete("/{id:int}", DeleteSubAccount);
        subAccounts.MapPost("/{id:int}/users", CreateUser);
        subAccounts.MapGet("/{id:int}/users", ListUsers);

        var users = app.AdminGroup("/users", "Tenancy");
        users.MapGet("/{id:int}", GetUser);
        users.MapDelete("/{id:int}", DeleteUser);
        users.MapPost("/{id:int}/token", RotateUserToken);
        users.MapPost("/{userId:int}/strategies", CreateStrategy);
    }

    public static async Task<IResult> CreateSubAccount(CreateSubAccountCommand command, IMediator mediator, CancellationToken ct)
    {
        var subAccount = await mediator.Send(command, ct);
        return Results.Created($"/api/admin/sub-accounts/{subAccount.Id}", subAccount);
    }

    public static async Task<IResult> ListSubAccounts(IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListSubAccountsQuery(), ct));

    public static async Task<IResult> GetSubAccount(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetSubAccountQuery(id), ct));

    public static async Task<IResult> CreateUser(int id, CreateUserCommand command, IMediator mediator, CancellationToken ct)
    {
        var user = await mediator.Send(command with { SubAccountId = id }, ct);
        return Results.Created($"/api/admin/users/{user.Id}", user);
    }

    public static async Task<IResult> DeleteSubAccount(int id, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteSubAccountCommand(id), ct);
        return Results.NoContent();
    }

    public static async Task<IResult> ListUsers(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListUsersQuery(id), ct));

    public static async Task<IResult> GetUser(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetUserQuery(id), ct));

    public static async Task<IResult> DeleteUser(int id, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteUserCommand(id), ct);
        return Results.NoContent();
    }

    public static async Task<IResult> RotateUserToken(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new RotateUserTokenCommand(id), ct));

    public static async Task<IResult> CreateStrategy(int userId, CreateStrategyCommand command, IMediator mediator, CancellationToken ct)
    {
        var strategy = await mediator.Send(command with { UserId = userId }, ct);
        return Results.Created($"/api/admin/users/{userId}/strategies/{strategy.Id}", strategy);
    }
}
