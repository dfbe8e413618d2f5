using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Application.Webhooks;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>
/// Every signature scheme GoHighLevel traffic can carry, checked over the raw body bytes, compared in constant
/// time. Keys are loaded once; secrets come per integration (current and, during rotation, previous).
/// </summary>
public sealed class WebhookSignatures : IWebhookSignatures
{
    private readonly PublicKey? _ed25519;
    private readonly RSA? _rsa;

    public WebhookSignatures(IOptions<WebhookOptions> options)
    {
        TimestampTolerance = TimeSpan.FromSeconds(options.Value.TimestampToleranceSeconds);
        if (!string.IsNullOrWhiteSpace(options.Value.GhlEd25519PublicKey))
        {
            try
            {
                _ed25519 = PublicKey.Import(SignatureAlgorithm.Ed25519, Encoding.ASCII.GetBytes(options.Value.GhlEd25519PublicKey.Trim()),
                    KeyBlobFormat.PkixPublicKeyText);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("IntegrationHub:Webhooks:GhlEd25519PublicKey is not an Ed25519 public key in PEM form.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Value.GhlRsaPublicKey))
        {
            try
            {
                _rsa = RSA.Create();
                _rsa.ImportFromPem(options.Value.GhlRsaPublicKey.Trim());
            }
            catch (ArgumentException)
            {
                throw new InvalidOperationException("IntegrationHub:Webhooks:GhlRsaPublicKey is not an RSA public key in PEM form.");
            }
        }
    }

    public TimeSpan TimestampTolerance { get; }

    public WebhookSignatureResult Verify(ReadOnlySpan<byte> body, Func<string, string?> header, IReadOnlyList<string> integrationSecrets)
    {
        if (header("X-GHL-Signature") is { } ed25519)
        {
            return _ed25519 is not null && FromBase64(ed25519) is { } signature && SignatureAlgorithm.Ed25519.Verify(_ed25519, body, signature)
                ? Valid("ghl-ed25519")
                : WebhookSignatureResult.Invalid("Invalid X-GHL-Signature.");
        }

        if (header("x-wh-signature") is { } rsa)
        {
            return _rsa is not null && FromBase64(rsa) is { } signature
                && _rsa.VerifyData(body, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                ? Valid("ghl-rsa")
                : WebhookSignatureResult.Invalid("Invalid x-wh-signature.");
        }

        if (header("webhook-signature") is { } standard)
        {
            return StandardWebhooks(body, header("webhook-id"), header("webhook-timestamp"), standard, integrationSecrets);
        }

        if (header("x-webhook-signature") is { } hex)
        {
            var given = FromHex(hex.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) ? hex[7..] : hex);
            foreach (var secret in integrationSecrets)
            {
                if (given is not null && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body), given))
                {
                    return Valid("hmac-sha256");
                }
            }

            return WebhookSignatureResult.Invalid("Invalid x-webhook-signature.");
        }

        if (header("x-webhook-token") is { } token)
        {
            // Workflow webhooks cannot sign; a static token is the best they can do.
            var presented = SHA256.HashData(Encoding.UTF8.GetBytes(token));
            foreach (var secret in integrationSecrets)
            {
                if (CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(secret))))
                {
                    return Valid("static-token");
                }
            }

            return WebhookSignatureResult.Invalid("Invalid x-webhook-token.");
        }

        return WebhookSignatureResult.Unsigned();
    }

    /// <summary>Standard Webhooks: <c>v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>, several space-separated.</summary>
    private static WebhookSignatureResult StandardWebhooks(ReadOnlySpan<byte> body, string? id, string? timestamp, string signatures,
        IReadOnlyList<string> secrets)
    {
        if (string.IsNullOrEmpty(id) || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookSignatureResult.Invalid("Standard Webhooks needs webhook-id and webhook-timestamp.");
        }

        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var candidates = signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal)).Select(s => FromBase64(s[3..])).OfType<byte[]>().ToList();
        foreach (var secret in secrets)
        {
            var expected = HMACSHA256.HashData(StandardWebhookKey(secret), signed);
            if (candidates.Any(c => CryptographicOperations.FixedTimeEquals(c, expected)))
            {
                return new WebhookSignatureResult(true, "standard-webhooks", null, DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799)));
            }
        }

        return WebhookSignatureResult.Invalid("Invalid webhook-signature.");
    }

    /// <summary>As the standard says: a <c>whsec_</c> secret is base64 of the key; anything else is used as UTF-8.</summary>
    private static byte[] StandardWebhookKey(string secret) =>
        secret.StartsWith("whsec_", StringComparison.Ordinal) && FromBase64(secret[6..]) is { } key ? key : Encoding.UTF8.GetBytes(secret);

    private static WebhookSignatureResult Valid(string scheme) => new(true, scheme, null, null);

    private static byte[]? FromBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[]? FromHex(string text)
    {
        try
        {
            return Convert.FromHexString(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
