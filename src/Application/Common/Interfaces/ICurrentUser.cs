namespace IntegrationHub.Application.Common.Interfaces;

/// <summary>Who is calling: an admin, a tenant user of one sub-account, or nobody.</summary>
public interface ICurrentUser
{
    bool IsAdmin { get; }
    int? AdminId { get; }
    int? UserId { get; }

    /// <summary>The sub-account a tenant user belongs to; null for admins.</summary>
    int? SubAccountId { get; }
}

public static class CurrentUserExtensions
{
    /// <summary>
    /// The sub-account the caller may read: a tenant is pinned to its own, an admin may ask for any (or all).
    /// </summary>
    public static int? ScopeSubAccount(this ICurrentUser user, int? requested) =>
        user.IsAdmin ? requested : user.SubAccountId ?? throw new Exceptions.ForbiddenException("No sub-account.");

    /// <summary>True when the caller may see a resource of that sub-account.</summary>
    public static bool CanSee(this ICurrentUser user, int subAccountId) =>
        user.IsAdmin || user.SubAccountId == subAccountId;
}
