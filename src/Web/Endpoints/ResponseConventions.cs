namespace IntegrationHub.Web.Endpoints;

/// <summary>
/// What each route answers, declared where it is mapped, so the OpenAPI document shows the real status codes and
/// bodies (handlers return <see cref="IResult"/>, which says nothing about either).
/// </summary>
internal static class ResponseConventions
{
    public static RouteHandlerBuilder Returns<T>(this RouteHandlerBuilder route, int status = StatusCodes.Status200OK) =>
        route.Produces<T>(status);

    public static RouteHandlerBuilder ReturnsNoContent(this RouteHandlerBuilder route) =>
        route.Produces(StatusCodes.Status204NoContent);

    /// <summary>Problem-details answers this route gives besides the ones of its group (400 carries per-field errors).</summary>
    public static RouteHandlerBuilder Fails(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _ = status == StatusCodes.Status400BadRequest ? route.ProducesValidationProblem() : route.ProducesProblem(status);
        }

        return route;
    }

    /// <summary>A route that needs a bearer token: 401 without a valid one, 403 for the wrong kind of principal.</summary>
    public static RouteGroupBuilder NeedsToken(this RouteGroupBuilder group) =>
        group.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
}
