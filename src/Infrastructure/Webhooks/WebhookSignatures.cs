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
        // The keys were checked at start (WebhookOptionsValidator); parsing them again cannot fail.
        TimestampTolerance = TimeSpan.FromSeconds(options.Value.TimestampToleranceSeconds);
        _ed25519 = GhlPublicKeys.Ed25519(options.Value.GhlEd25519PublicKey);
        _rsa = GhlPublicKeys.Rsa(options.Value.GhlRsaPublicKey);
    }

    public TimeSpan TimestampTolerance { get; }

    public WebhookSignatureResult Verify(ReadOnlySpan<byte> body, Func<string, string?> header, IReadOnlyList<string> integrationSecrets)
    {
        var ed25519 = header("X-GHL-Signature");
        var rsa = header("x-wh-signature");
        if (ed25519 is not null || rsa is not null)
        {
            // During GoHighLevel's move from RSA to Ed25519 a delivery may carry both: either one proves it.
            if (ed25519 is not null && VerifiesEd25519(body, ed25519))
            {
                return Valid("ghl-ed25519");
            }

            if (rsa is not null && VerifiesRsa(body, rsa))
            {
                return Valid("ghl-rsa");
            }

            return WebhookSignatureResult.Invalid(WebhookSignatureResult.GoHighLevelScheme, (ed25519, rsa) switch
            {
                (not null, not null) => "Neither X-GHL-Signature nor x-wh-signature verifies.",
                (not null, null) => "Invalid X-GHL-Signature.",
                _ => "Invalid x-wh-signature.",
            });
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

            return WebhookSignatureResult.Invalid("hmac-sha256", "Invalid x-webhook-signature.");
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

            return WebhookSignatureResult.Invalid("static-token", "Invalid x-webhook-token.");
        }

        return WebhookSignatureResult.Unsigned();
    }

    /// <summary>Standard Webhooks: <c>v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>, several space-separated.</summary>
    private static WebhookSignatureResult StandardWebhooks(ReadOnlySpan<byte> body, string? id, string? timestamp, string signatures,
        IReadOnlyList<string> secrets)
    {
        if (string.IsNullOrEmpty(id) || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookSignatureResult.Invalid("standard-webhooks", "Standard Webhooks needs webhook-id and webhook-timestamp.");
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

        return WebhookSignatureResult.Invalid("standard-webhooks", "Invalid webhook-signature.");
    }

    /// <summary>As the standard says: a <c>whsec_</c> secret is base64 of the key; anything else is used as UTF-8.</summary>
    private static byte[] StandardWebhookKey(string secret) =>
        secret.StartsWith("whsec_", StringComparison.Ordinal) && FromBase64(secret[6..]) is { } key ? key : Encoding.UTF8.GetBytes(secret);

    private bool VerifiesEd25519(ReadOnlySpan<byte> body, string signature) =>
        _ed25519 is not null && FromBase64(signature) is { } bytes && SignatureAlgorithm.Ed25519.Verify(_ed25519, body, bytes);

    private bool VerifiesRsa(ReadOnlySpan<byte> body, string signature) =>
        _rsa is not null && FromBase64(signature) is { } bytes && _rsa.VerifyData(body, bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

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
