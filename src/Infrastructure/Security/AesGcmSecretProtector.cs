using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Application.Common.Security;

namespace IntegrationHub.Infrastructure.Security;

/// <summary>
/// AES-256-GCM with a random 96-bit nonce per value. Stored form:
/// <c>enc:v1:&lt;keyId&gt;:&lt;base64url(nonce ‖ ciphertext ‖ tag)&gt;</c>; the <see cref="SecretContext"/> is the
/// associated data, so the tag also proves where the value belongs.
/// </summary>
public sealed class AesGcmSecretProtector(EncryptionKeyRing keyRing) : ISecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Protect(string plaintext, SecretContext context)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var payload = new byte[NonceSize + plain.Length + TagSize];
        var nonce = payload.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);

        using var aes = new AesGcm(keyRing.ActiveKey, TagSize);
        aes.Encrypt(nonce, plain, payload.AsSpan(NonceSize, plain.Length), payload.AsSpan(NonceSize + plain.Length),
            Encoding.UTF8.GetBytes(context.AssociatedData));
        return $"{ISecretProtector.CiphertextPrefix}{keyRing.ActiveKeyId}:{Base64Url.EncodeToString(payload)}";
    }

    public string Unprotect(string ciphertext, SecretContext context)
    {
        var (keyId, payload) = Parse(ciphertext);
        if (!keyRing.TryGetKey(keyId, out var key))
        {
            throw new SecretDecryptionException($"A stored secret ({context.Field}) is encrypted with key '{keyId}', which is not configured.");
        }

        if (payload.Length < NonceSize + TagSize)
        {
            throw new SecretDecryptionException($"A stored secret ({context.Field}) is truncated.");
        }

        return TryDecrypt(key, payload, context) ?? throw new SecretDecryptionException(
            $"A stored secret ({context.Field}) failed authentication: it was altered or belongs to another record.");
    }

    public SecretReadability Check(string ciphertext, SecretContext context)
    {
        string keyId;
        byte[] payload;
        try
        {
            (keyId, payload) = Parse(ciphertext);
        }
        catch (SecretDecryptionException)
        {
            return new SecretReadability("(none)", SecretKeyState.DoesNotDecrypt);
        }

        if (!keyRing.TryGetKey(keyId, out var key))
        {
            return new SecretReadability(keyId, SecretKeyState.KeyMissing);
        }

        var readable = payload.Length >= NonceSize + TagSize && TryDecrypt(key, payload, context) is not null;
        return new SecretReadability(keyId, readable ? SecretKeyState.Readable : SecretKeyState.DoesNotDecrypt);
    }

    private static string? TryDecrypt(byte[] key, byte[] payload, SecretContext context)
    {
        var cipherLength = payload.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(payload.AsSpan(0, NonceSize), payload.AsSpan(NonceSize, cipherLength),
                payload.AsSpan(NonceSize + cipherLength), plain, Encoding.UTF8.GetBytes(context.AssociatedData));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(plain);
    }

    public bool NeedsReencryption(string ciphertext) => Parse(ciphertext).KeyId != keyRing.ActiveKeyId;

    private static (string KeyId, byte[] Payload) Parse(string ciphertext)
    {
        if (!ISecretProtector.IsCiphertext(ciphertext))
        {
            throw new SecretDecryptionException("A stored secret is not in the encrypted format.");
        }

        var rest = ciphertext.AsSpan(ISecretProtector.CiphertextPrefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0)
        {
            throw new SecretDecryptionException("A stored secret is not in the encrypted format.");
        }

        try
        {
            return (rest[..colon].ToString(), Base64Url.DecodeFromChars(rest[(colon + 1)..]));
        }
        catch (FormatException)
        {
            throw new SecretDecryptionException("A stored secret is not in the encrypted format.");
        }
    }
}
