using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>Signs webhook bodies the way each sender does, with keys the test owns.</summary>
public sealed class WebhookSender : IDisposable
{
    private readonly Key _ed25519 = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    private readonly RSA _rsa = RSA.Create(2048);

    public string Ed25519PublicKeyPem => Encoding.ASCII.GetString(_ed25519.PublicKey.Export(KeyBlobFormat.PkixPublicKeyText));

    public string RsaPublicKeyPem => _rsa.ExportSubjectPublicKeyInfoPem();

    public static HttpRequestMessage Unsigned(string body) => new(HttpMethod.Post, "/api/webhook")
    {
        Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new("application/json") } },
    };

    public static HttpRequestMessage Hmac(string body, string secret)
    {
        var request = Unsigned(body);
        request.Headers.Add("x-webhook-signature", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));
        return request;
    }

    /// <summary>Standard Webhooks, exactly as its reference libraries sign: the whsec_ secret is base64 of the key.</summary>
    public static HttpRequestMessage Standard(string body, string secret, DateTimeOffset? at = null, string? id = null)
    {
        id ??= "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        var request = Unsigned(body);
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", $"v1,{Convert.ToBase64String(new byte[32])} v1,{signature}");
        return request;
    }

    public static HttpRequestMessage Token(string body, string secret)
    {
        var request = Unsigned(body);
        request.Headers.Add("x-webhook-token", secret);
        return request;
    }

    public HttpRequestMessage Ed25519(string body)
    {
        var request = Unsigned(body);
        request.Headers.Add("X-GHL-Signature", Convert.ToBase64String(SignatureAlgorithm.Ed25519.Sign(_ed25519, Encoding.UTF8.GetBytes(body))));
        return request;
    }

    public HttpRequestMessage Rsa(string body)
    {
        var request = Unsigned(body);
        request.Headers.Add("x-wh-signature", Convert.ToBase64String(_rsa.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        return request;
    }

    public static string ContactCreate(string locationId, string contactId, string? webhookId = null, string firstName = "Ada",
        string country = "US", string state = "TX", string phone = "+15125550123", DateTimeOffset? timestamp = null) => $$"""
        {"type":"ContactCreate","locationId":"{{locationId}}","id":"{{contactId}}","firstName":"{{firstName}}","lastName":"Lovelace",
         "email":"{{contactId}}@example.com","phone":"{{phone}}","address1":"1 Main St","city":"Austin","state":"{{state}}",
         "postalCode":"73301","country":"{{country}}","companyName":"Analytical","source":"form","tags":["webhook","vip"],
         "dateAdded":"2026-11-25T10:00:00.000Z","timestamp":"{{(timestamp ?? DateTimeOffset.UtcNow).ToString("O")}}",
         "webhookId":"{{webhookId ?? Guid.NewGuid().ToString()}}"}
        """;

    public static string OutboundMessage(string locationId, string contactId, string messageId) => $$"""
        {"type":"OutboundMessage","locationId":"{{locationId}}","contactId":"{{contactId}}","conversationId":"conv-1",
         "messageId":"{{messageId}}","messageType":"Email","body":"Hello there","subject":"Welcome","from":"desk@clinic.test",
         "to":["{{contactId}}@example.com"],"direction":"outbound","status":"delivered","contentType":"text/html",
         "attachments":["https://files.test/a.pdf"],"dateAdded":"2026-11-25T10:05:00.000Z","webhookId":"{{Guid.NewGuid()}}",
         "timestamp":"{{DateTimeOffset.UtcNow:O}}"}
        """;

    public void Dispose()
    {
        _ed25519.Dispose();
        _rsa.Dispose();
    }
}
