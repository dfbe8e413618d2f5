using IntegrationHub.Web.Auth;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace IntegrationHub.Web.AdminConsole;

/// <summary>The admin's session ended (token rotated, admin deleted, signed out elsewhere) while a page was open.</summary>
public sealed class ConsoleSessionEndedException() : Exception("The console session has ended; sign in again.");

/// <summary>
/// The console's way into the Application layer: the same commands and queries as the API, so the same validation
/// and rules. Each call gets a scope of its own (a circuit lives for minutes; a DbContext should live for one unit
/// of work), runs as the signed-in admin, and first checks that the admin's session is still current.
/// </summary>
public sealed class ConsoleMediator(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, NavigationManager navigation,
    IHttpContextAccessor http)
{
    // Read when the circuit begins, on its connection's request: later calls have no request of their own.
    private readonly string? _address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public Task<T> Send<T>(ICommand<T> command) => RunAsync((mediator, ct) => mediator.Send(command, ct));

    public Task<T> Send<T>(IQuery<T> query) => RunAsync((mediator, ct) => mediator.Send(query, ct));

    private async Task<T> RunAsync<T>(Func<IMediator, CancellationToken, ValueTask<T>> call)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (!await ConsoleAuthentication.IsCurrentAsync(services, user, CancellationToken.None))
        {
            throw new ConsoleSessionEndedException();
        }

        var caller = services.GetRequiredService<ConsolePrincipal>();
        caller.User = user;
        caller.BaseUri = navigation.BaseUri;
        caller.Address = _address;
        return await call(services.GetRequiredService<IMediator>(), CancellationToken.None);
    }
}
