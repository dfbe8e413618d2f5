using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Access;

/// <summary>
/// One signed-in console session of an admin. The console's cookie carries a random session id; only its hash is kept
/// here, and a request's cookie counts only while its row exists and has not expired. Signing out deletes the row, so a
/// copy of the cookie stops working on every instance at once.
/// </summary>
public sealed class AdminSession : Entity
{
    private AdminSession() { }

    public int AdminUserId { get; private set; }
    public string IdHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    public static AdminSession Start(int adminUserId, string idHash, DateTime now, TimeSpan lifetime) => new()
    {
        AdminUserId = adminUserId,
        IdHash = Guard.NotBlank(idHash, nameof(idHash), FieldLengths.TokenHash),
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    public bool IsLiveAt(DateTime now) => now < ExpiresAt;

    /// <summary>The cookie slid forward (the admin is still at work): the session lasts as long as it does.</summary>
    public void Extend(DateTime now, TimeSpan lifetime)
    {
        if (now + lifetime > ExpiresAt)
        {
            ExpiresAt = now + lifetime;
        }
    }
}
