using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Access;

/// <summary>An operator of the hub. Authenticates with a bearer token of which only the hash is kept.</summary>
public sealed class AdminUser : AggregateRoot
{
    private AdminUser() { }

    public string Email { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public static AdminUser Create(string email, string name, string tokenHash, DateTime now) => new()
    {
        Email = Guard.NotBlank(email, nameof(email), FieldLengths.Email).ToLowerInvariant(),
        Name = Guard.NotBlank(name, nameof(name), FieldLengths.Name),
        TokenHash = Guard.NotBlank(tokenHash, nameof(tokenHash), FieldLengths.TokenHash),
        CreatedAt = now,
    };

    /// <summary>A new token replaces the old one at once: only the new hash authenticates from now on.</summary>
    public void ReplaceToken(string tokenHash) => TokenHash = Guard.NotBlank(tokenHash, nameof(tokenHash), FieldLengths.TokenHash);
}
