namespace IntegrationHub.Application.Common.Security;

/// <summary>
/// Where a secret belongs. It is bound into the ciphertext as associated data, so a value copied to
/// another integration, tenant or field does not decrypt.
/// </summary>
public sealed record SecretContext(int SubAccountId, string OwnerKey, string Field)
{
    public string AssociatedData => $"integrationhub/v1|sub-account:{SubAccountId}|owner:{OwnerKey}|field:{Field}";
}

/// <summary>Authenticated encryption of secrets at rest, with a key ring that allows rotation.</summary>
public interface ISecretProtector
{
    /// <summary>Encrypts under the active key. The result starts with <see cref="CiphertextPrefix"/>.</summary>
    string Protect(string plaintext, SecretContext context);

    /// <summary>Decrypts; a tampered value, a wrong context or an unknown key is a <see cref="SecretDecryptionException"/>.</summary>
    string Unprotect(string ciphertext, SecretContext context);

    /// <summary>True when the value was encrypted under a key other than the active one.</summary>
    bool NeedsReencryption(string ciphertext);

    /// <summary>Whether the key ring can read the value, without handing it out: for checks that only report.</summary>
    SecretReadability Check(string ciphertext, SecretContext context);

    public const string CiphertextPrefix = "enc:v1:";

    static bool IsCiphertext(string? value) => value is not null && value.StartsWith(CiphertextPrefix, StringComparison.Ordinal);
}

/// <summary>What the key ring can do with a stored secret, and the id of the key it was written with.</summary>
public sealed record SecretReadability(string KeyId, SecretKeyState State);

public enum SecretKeyState
{
    /// <summary>It decrypts.</summary>
    Readable,

    /// <summary>Its key id is not in the key ring.</summary>
    KeyMissing,

    /// <summary>A key with its id is configured but does not decrypt it (another instance's or a regenerated key), or it was altered.</summary>
    DoesNotDecrypt,
}

/// <summary>A stored secret could not be decrypted. The message never contains the value.</summary>
public sealed class SecretDecryptionException(string message) : Exception(message);
