using System.Globalization;
using IntegrationHub.Application.Common.Interfaces;

namespace IntegrationHub.Web.Auth;

/// <summary>The caller of the current HTTP request, read from the claims the bearer handler set.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private string? Role => accessor.HttpContext?.User.FindFirst(Principals.RoleClaim)?.Value;

    public bool IsAdmin => Role == Principals.AdminRole;

    public int? AdminId => IsAdmin ? Claim(Principals.IdClaim) : null;

    public int? UserId => Role == Principals.TenantRole ? Claim(Principals.IdClaim) : null;

    public int? SubAccountId => Role == Principals.TenantRole ? Claim(Principals.SubAccountClaim) : null;

    private int? Claim(string type) =>
        int.TryParse(accessor.HttpContext?.User.FindFirst(type)?.Value, CultureInfo.InvariantCulture, out var value) ? value : null;
}
