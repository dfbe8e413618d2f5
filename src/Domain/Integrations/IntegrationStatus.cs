namespace IntegrationHub.Domain.Integrations;

public enum IntegrationStatus
{
    Pending,
    Active,
    Error,
    Disconnected,
}

/// <summary>The status state machine of the contract, in one table.</summary>
public static class IntegrationStatusRules
{
    private static readonly HashSet<(IntegrationStatus From, IntegrationStatus To)> AllowedMoves =
    [
        (IntegrationStatus.Pending, IntegrationStatus.Active),
        (IntegrationStatus.Pending, IntegrationStatus.Error),
        (IntegrationStatus.Active, IntegrationStatus.Error),
        (IntegrationStatus.Active, IntegrationStatus.Disconnected),
        (IntegrationStatus.Error, IntegrationStatus.Active),
        (IntegrationStatus.Disconnected, IntegrationStatus.Active),
        // Manual disconnect is allowed from any state that is not already disconnected.
        (IntegrationStatus.Pending, IntegrationStatus.Disconnected),
        (IntegrationStatus.Error, IntegrationStatus.Disconnected),
        // A new failure while in error keeps the status and records the new message.
        (IntegrationStatus.Error, IntegrationStatus.Error),
    ];

    public static bool CanMove(IntegrationStatus from, IntegrationStatus to) => AllowedMoves.Contains((from, to));

    public static bool TryParse(string? value, out IntegrationStatus status)
    {
        status = default;
        return value is not null
            && Enum.TryParse(value, ignoreCase: true, out status)
            && Enum.IsDefined(status)
            && !int.TryParse(value, out _);
    }
}
