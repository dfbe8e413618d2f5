using System.Net;

namespace IntegrationHub.Application.Common.Security;

/// <summary>
/// Where the hub may send credentials: https anywhere, plain http only to this machine (a local stand-in such as a
/// test server). Anything else (a file: URL, a typo, http over the network) would leak a token or fail obscurely.
/// </summary>
public static class OutboundUrls
{
    public const string Rule = "must be an absolute https URL (http only to localhost)";

    public static bool IsAllowed(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && IsAllowed(uri);

    public static bool IsAllowed(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0
        || uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
