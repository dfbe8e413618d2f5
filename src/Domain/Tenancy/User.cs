using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Tenancy;

/// <summary>A regular user of one sub-account; leads arriving for the sub-account are assigned to users.</summary>
public sealed class User : AggregateRoot
{
    private User() { }

    public int SubAccountId { get; private set; }
    public string Email { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public static User Create(int subAccountId, string email, string name, string tokenHash, DateTime now) => new()
    {
        SubAccountId = subAccountId,
        Email = Guard.NotBlank(email, nameof(email), FieldLengths.Email).ToLowerInvariant(),
        Name = Guard.NotBlank(name, nameof(name), FieldLengths.Name),
        TokenHash = Guard.NotBlank(tokenHash, nameof(tokenHash), FieldLengths.TokenHash),
        CreatedAt = now,
    };

    /// <summary>A new token replaces the old one at once: only the new hash authenticates from now on.</summary>
    public void ReplaceToken(string tokenHash) => TokenHash = Guard.NotBlank(tokenHash, nameof(tokenHash), FieldLengths.TokenHash);
}
