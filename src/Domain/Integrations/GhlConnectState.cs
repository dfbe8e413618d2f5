using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Integrations;

/// <summary>
/// One "Connect with GoHighLevel" in flight: the <c>state</c> handed to GoHighLevel's authorize page, stored only as its
/// SHA-256 hash, bound to the sub-account and the admin who started it. The callback spends it once, within its lifetime;
/// a forged, replayed or late callback finds nothing to spend and stores nothing.
/// </summary>
public sealed class GhlConnectState : Entity
{
    public const int HashLength = 64;
    public const int RedirectUriLength = 2000;

    private GhlConnectState() { }

    /// <summary>Lowercase hex SHA-256 of the state value (the value itself is never stored).</summary>
    public string StateHash { get; private set; } = "";
    public int SubAccountId { get; private set; }
    public int AdminId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    /// <summary>The redirect URI sent to the authorize page: the code exchange must send the very same.</summary>
    public string RedirectUri { get; private set; } = "";

    /// <summary>When the callback spent it; a spent state is never accepted again.</summary>
    public DateTime? UsedAt { get; private set; }

    public static GhlConnectState Issue(string stateHash, int subAccountId, int adminId, string redirectUri, DateTime now, TimeSpan lifetime)
    {
        if (stateHash.Length != HashLength)
        {
            throw new DomainRuleException("A connect state is stored as its 64-character SHA-256 hash.");
        }

        return new GhlConnectState
        {
            StateHash = stateHash, SubAccountId = subAccountId, AdminId = adminId, RedirectUri = Guard.NotBlank(redirectUri, "redirectUri", RedirectUriLength),
            CreatedAt = now, ExpiresAt = now + lifetime,
        };
    }

    public bool IsUsable(DateTime now) => UsedAt is null && now < ExpiresAt;
}
