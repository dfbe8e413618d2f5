namespace IntegrationHub.Application.Tenancy;

/// <summary>Who owns a new lead of a sub-account: its first user, and that user's first strategy (if any).</summary>
public sealed record LeadOwner(int UserId, int? StrategyId);

/// <summary>
/// Tenancy's published read surface: what other modules may ask about sub-accounts, users and strategies, without
/// reading Tenancy's tables.
/// </summary>
public interface ITenantDirectory
{
    Task<bool> SubAccountExistsAsync(int subAccountId, CancellationToken cancellationToken);

    /// <summary>The sub-account's time zone (it must exist).</summary>
    Task<string> TimezoneAsync(int subAccountId, CancellationToken cancellationToken);

    /// <summary>The owner a new lead of the sub-account gets, as the seed design says; null while it has no user.</summary>
    Task<LeadOwner?> DefaultLeadOwnerAsync(int subAccountId, CancellationToken cancellationToken);

    /// <summary>The user's first strategy, if any.</summary>
    Task<int?> FirstStrategyAsync(int userId, CancellationToken cancellationToken);
}
