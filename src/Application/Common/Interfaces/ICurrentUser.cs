namespace IntegrationHub.Application.Common.Interfaces;

/// <summary>Who is calling: an admin, a tenant user of one sub-account, or nobody.</summary>
public interface ICurrentUser
{
    bool IsAdmin { get; }
    int? AdminId { get; }
    int? UserId { get; }

    /// <summary>The sub-account a tenant user belongs to; null for admins.</summary>
    int? SubAccountId { get; }

    /// <summary>The caller's network address as the hub sees it (for the audit trail); null when unknown.</summary>
    string? Address => null;
}

public static class CurrentUserExtensions
{
    /// <summary>
    /// The sub-account the caller may read: a tenant is pinned to its own, an admin may ask for any (or all).
    /// </summary>
    public static int? ScopeSubAccount(this ICurrentUser user, int? requested)
    {
        if (user.IsAdmin)
        {
            return requested;
        }

        var own = user.SubAccountId ?? throw new Exceptions.ForbiddenException("No sub-account.");
        // Another sub-account is answered as if it did not exist (it is not the caller's to know about); quietly
        // listing the caller's own instead would look like an answer to the question asked.
        return requested is null || requested == own ? own : throw new Exceptions.NotFoundException("Sub-account", requested);
    }

    /// <summary>True when the caller may see a resource of that sub-account.</summary>
    public static bool CanSee(this ICurrentUser user, int subAccountId) =>
        user.IsAdmin || user.SubAccountId == subAccountId;
}
