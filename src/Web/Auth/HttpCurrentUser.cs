using System.Globalization;
using System.Security.Claims;
using IntegrationHub.Application.Common.Interfaces;

namespace IntegrationHub.Web.Auth;

/// <summary>
/// The caller: the admin console's signed-in admin when a console action runs (a Blazor circuit has no HTTP
/// request), otherwise the principal of the current HTTP request, read from the claims the handlers set.
/// </summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor, ConsolePrincipal console) : ICurrentUser
{
    private ClaimsPrincipal? Principal => console.User ?? accessor.HttpContext?.User;

    private string? Role => Principal?.FindFirst(Principals.RoleClaim)?.Value;

    public bool IsAdmin => Role == Principals.AdminRole;

    public int? AdminId => IsAdmin ? Claim(Principals.IdClaim) : null;

    public int? UserId => Role == Principals.TenantRole ? Claim(Principals.IdClaim) : null;

    public int? SubAccountId => Role == Principals.TenantRole ? Claim(Principals.SubAccountClaim) : null;

    public string? Address => console.User is null ? accessor.HttpContext?.Connection.RemoteIpAddress?.ToString() : console.Address;

    private int? Claim(string type) =>
        int.TryParse(Principal?.FindFirst(type)?.Value, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>
/// Who a console action runs as and the address the admin's browser uses, set for the action's own scope (both null
/// for HTTP requests): a Blazor circuit has no current HTTP request to read them from.
/// </summary>
internal sealed class ConsolePrincipal
{
    public ClaimsPrincipal? User { get; set; }

    /// <summary>The console's base address as the browser sees it, e.g. <c>https://hub.example.com/</c>.</summary>
    public string? BaseUri { get; set; }

    /// <summary>The admin's browser address when the circuit began (a circuit has no request to read it from later).</summary>
    public string? Address { get; set; }
}
