namespace IntegrationHub.Domain.Integrations;

/// <summary>
/// Who may spend a rotating OAuth refresh token right now. GoHighLevel replaces the refresh token on every use, so two
/// instances refreshing the same integration (or agency install) at once would leave one of them holding a dead token:
/// the instance that takes the lease refreshes and stores the new pair; the others wait for it and read what it stored.
/// </summary>
public sealed class TokenRefreshLease
{
    public const int KeyLength = 200;
    public const int HolderLength = 100;

    private TokenRefreshLease() { }

    /// <summary>What the tokens belong to: <c>integration:{id}</c> or <c>installation:{companyId}</c>.</summary>
    public string Key { get; private set; } = "";
    public string Holder { get; private set; } = "";
    public DateTime ExpiresAt { get; private set; }

    public static string ForIntegration(int integrationId) => $"integration:{integrationId}";

    public static string ForInstallation(string companyId) => $"installation:{companyId}";
}
