using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Web.AdminConsole;
using IntegrationHub.Web.Infrastructure;
using Mediator;
using AppExceptions = IntegrationHub.Application.Common.Exceptions;

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

        // Public: GoHighLevel sends the browser here; the single-use state proves who started it (none: started in GoHighLevel).
        app.MapGet(PublicUrls.GoHighLevelCallbackPath, Callback).AllowAnonymous().WithTags("GoHighLevel")
            .Produces(StatusCodes.Status302Found).Fails(400, 404, 409);
    }

    /// <summary>302 to GoHighLevel's authorize page with a new state for this sub-account and the calling admin.</summary>
    public static async Task<IResult> Connect(int id, IMediator mediator, CancellationToken ct) =>
        Results.Redirect((await mediator.Send(new ConnectGoHighLevelCommand(id), ct)).AuthorizeUrl.AbsoluteUri);

    /// <summary>The console's button: the same, with the state bound to this browser by a short-lived cookie.</summary>
    public static async Task<IResult> ConsoleConnect(int id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var redirect = await mediator.Send(new ConnectGoHighLevelCommand(id, BindToBrowser: true), ct);
        GhlConnectCookie.Set(http, redirect);
        return Results.Redirect(redirect.AuthorizeUrl.AbsoluteUri);
    }

    /// <summary>
    /// Spends the state (or, without one, takes a Marketplace install), exchanges the code and sends the browser to the
    /// console page that shows the outcome. A browser (Accept: text/html) is sent to a console page for a refused state
    /// or a taken location too; an API client gets the problem details (400, 409).
    /// </summary>
    public static async Task<IResult> Callback(string? code, string? state, string? error, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var browser = http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        GhlConnectOutcome outcome;
        try
        {
            outcome = string.IsNullOrEmpty(state) && !string.IsNullOrEmpty(code) && string.IsNullOrEmpty(error)
                ? await mediator.Send(new CompleteGoHighLevelInstallCommand(code), ct)
                : await mediator.Send(new CompleteGoHighLevelConnectCommand(code, state, error, GhlConnectCookie.Take(http, state)), ct);
        }
        catch (AppExceptions.ValidationException) when (browser)
        {
            return Results.Redirect(GhlConnectNotice.Landing(new GhlConnectOutcome(GhlConnectResult.StateRefused, null)));
        }

        return outcome switch
        {
            { Result: GhlConnectResult.StateRefused } when !browser => throw new AppExceptions.ValidationException("state", outcome.Detail!),
            { Result: GhlConnectResult.LocationTaken } when !browser => throw new AppExceptions.ConflictException(outcome.Detail!),
            _ => Results.Redirect(GhlConnectNotice.Landing(outcome)),
        };
    }
}

/// <summary>
/// The cookie that binds a console-started connect to the browser that started it: its value is the nonce whose hash
/// is part of the stored state hash (<see cref="GhlConnectStateHash"/>). One per state (the name carries a prefix of the
/// state's hash, so connects in two tabs do not overwrite each other); HttpOnly, Secure over https, SameSite=Lax (it must
/// come back on GoHighLevel's top-level redirect), gone after the state's lifetime or when the callback reads it.
/// </summary>
internal static class GhlConnectCookie
{
    private const string Prefix = "IntegrationHub.GhlConnect.";

    public static void Set(HttpContext http, GhlAuthorizeRedirect redirect) =>
        http.Response.Cookies.Append(Name(redirect.State), redirect.BrowserNonce!, new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = redirect.StateLifetime,
            IsEssential = true,
        });

    /// <summary>The nonce the browser sent for this state, or null; the cookie is cleared either way (a state is spent once).</summary>
    public static string? Take(HttpContext http, string? state)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 200 || !http.Request.Cookies.TryGetValue(Name(state), out var nonce))
        {
            return null;
        }

        http.Response.Cookies.Delete(Name(state), new CookieOptions { Path = "/", Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax });
        return nonce;
    }

    private static string Name(string state) => Prefix + GhlConnectStateHash.Of(state)[..16];
}
