using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>Parses GoHighLevel's webhook public keys from PEM; a key that does not parse is a setting error.</summary>
public static class GhlPublicKeys
{
    public const string Ed25519Setting = "IntegrationHub:Webhooks:GhlEd25519PublicKey";
    public const string RsaSetting = "IntegrationHub:Webhooks:GhlRsaPublicKey";

    /// <summary>The Ed25519 key, or null when the setting is empty (the scheme turned off).</summary>
    /// <exception cref="FormatException">The text is not an Ed25519 public key in PEM (SPKI) form.</exception>
    public static PublicKey? Ed25519(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return null;
        }

        try
        {
            return PublicKey.Import(SignatureAlgorithm.Ed25519, Encoding.ASCII.GetBytes(pem.Trim()), KeyBlobFormat.PkixPublicKeyText);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new FormatException($"{Ed25519Setting} must be an Ed25519 public key in PEM form (-----BEGIN PUBLIC KEY-----), or empty to turn X-GHL-Signature off.");
        }
    }

    /// <summary>The RSA key, or null when the setting is empty (the scheme turned off).</summary>
    /// <exception cref="FormatException">The text is not an RSA public key in PEM form.</exception>
    public static RSA? Rsa(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return null;
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem.Trim());
            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new FormatException($"{RsaSetting} must be an RSA public key in PEM form (-----BEGIN PUBLIC KEY-----), or empty to turn x-wh-signature off.");
        }
    }
}
