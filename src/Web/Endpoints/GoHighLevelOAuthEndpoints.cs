using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Web.AdminConsole;
using IntegrationHub.Web.Infrastructure;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

/// <summary>
/// "Connect with GoHighLevel" through the hub's Marketplace app: the redirect to GoHighLevel's authorize page and the
/// callback it sends the browser back to. Both answer 404 while no app is configured.
/// </summary>
public sealed class GoHighLevelOAuthEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var subAccount = app.AdminGroup("/sub-accounts/{id:int}/gohighlevel", "GoHighLevel");
        subAccount.MapGet("/connect", Connect).Produces(StatusCodes.Status302Found).Fails(404);

        // Public: GoHighLevel sends the admin's browser here; the single-use state proves who started it.
        app.MapGet(PublicUrls.GoHighLevelCallbackPath, Callback).AllowAnonymous().WithTags("GoHighLevel")
            .Produces(StatusCodes.Status302Found).Fails(400, 404, 409);
    }

    /// <summary>302 to GoHighLevel's authorize page with a new state for this sub-account and the calling admin.</summary>
    public static async Task<IResult> Connect(int id, IMediator mediator, CancellationToken ct) =>
        Results.Redirect((await mediator.Send(new ConnectGoHighLevelCommand(id), ct)).AuthorizeUrl.AbsoluteUri);

    /// <summary>
    /// Spends the state, exchanges the code and sends the browser to the console page that shows the outcome: the
    /// integration, the agency's installations, or (nothing stored) the sub-account with what went wrong.
    /// </summary>
    public static async Task<IResult> Callback(string? code, string? state, string? error, IMediator mediator, CancellationToken ct) =>
        Results.Redirect(GhlConnectNotice.Landing(await mediator.Send(new CompleteGoHighLevelConnectCommand(code, state, error), ct)));
}
