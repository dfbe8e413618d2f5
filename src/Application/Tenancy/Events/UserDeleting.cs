namespace IntegrationHub.Application.Tenancy;

/// <summary>
/// A tenant user is about to be deleted with its strategies (published before the save): records assigned to the user
/// or one of those strategies stay with the sub-account, assigned to no one.
/// </summary>
public sealed record UserDeleting(int UserId, IReadOnlyList<int> StrategyIds) : INotification;
