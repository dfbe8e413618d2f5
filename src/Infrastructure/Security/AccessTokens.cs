using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Application.Common.Interfaces;

namespace IntegrationHub.Infrastructure.Security;

/// <summary>
/// 256-bit random tokens. They carry full entropy, so a plain SHA-256 is enough to store them
/// (no salt or slow hash needed: there is nothing to brute-force).
/// </summary>
public sealed class AccessTokens : IAccessTokens
{
    private const string Prefix = "ih_";

    public (string Token, string Hash) Issue()
    {
        var token = Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
