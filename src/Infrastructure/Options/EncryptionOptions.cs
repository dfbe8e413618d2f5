namespace IntegrationHub.Infrastructure.Options;

/// <summary><c>IntegrationHub:Encryption</c>: the key ring for secrets at rest.</summary>
public sealed class EncryptionOptions
{
    public const string Section = "IntegrationHub:Encryption";

    /// <summary>Id of the key new secrets are encrypted with.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Key id → base64 of 32 random bytes. Old keys stay here, decrypting, until re-encryption is done.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];
}
