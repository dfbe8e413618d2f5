using IntegrationHub.Application.Access;
using IntegrationHub.Application.Tenancy;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

public sealed class TenancyEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var subAccounts = app.AdminGroup("/sub-accounts", "Tenancy");
        subAccounts.MapPost("/", CreateSubAccount).Returns<SubAccountDto>(201).Fails(400, 413);
        subAccounts.MapGet("/", ListSubAccounts).Returns<IReadOnlyList<SubAccountDto>>();
        subAccounts.MapGet("/{id:int}", GetSubAccount).Returns<SubAccountDto>().Fails(404);
        subAccounts.MapDelete("/{id:int}", DeleteSubAccount).ReturnsNoContent().Fails(404, 409);
        subAccounts.MapPost("/{id:int}/users", CreateUser).Returns<UserCreatedDto>(201).Fails(400, 404, 409, 413);
        subAccounts.MapGet("/{id:int}/users", ListUsers).Returns<IReadOnlyList<UserDto>>().Fails(404);

        var users = app.AdminGroup("/users", "Tenancy");
        users.MapGet("/{id:int}", GetUser).Returns<UserDto>().Fails(404);
        users.MapDelete("/{id:int}", DeleteUser).ReturnsNoContent().Fails(404);
        users.MapPost("/{id:int}/token", RotateUserToken).Returns<NewTokenDto>().Fails(404);
        users.MapPost("/{userId:int}/strategies", CreateStrategy).Returns<StrategyDto>(201).Fails(400, 404, 413);
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
