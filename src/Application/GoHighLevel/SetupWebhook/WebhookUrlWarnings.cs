using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// What is wrong with a webhook URL the hub is about to hand out. Without <c>PublicBaseUrl</c> the URL is built from
/// the request (often <c>http://localhost:5080</c>): pasted into GoHighLevel it silently receives nothing, so the admin
/// is told why at the moment they copy it. A warning, not an error: a local test sender may well use that address.
/// </summary>
public static class WebhookUrlWarnings
{
    public const string Remedy =
        "Set IntegrationHub__Webhooks__PublicBaseUrl to the hub's public https address (see the README's \"Production\" section).";

    public static IReadOnlyList<string> For(string webhookUrl)
    {
        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri))
        {
            return [$"The webhook URL is not an absolute URL. {Remedy}"];
        }

        var warnings = new List<string>();
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            warnings.Add($"The webhook URL uses {uri.Scheme}, not https: events and the webhook token would cross the internet unencrypted. {Remedy}");
        }

        if (NotPublic(uri.IdnHost) is { } why)
        {
            warnings.Add($"The webhook URL's host {uri.Host} is {why}: GoHighLevel cannot reach it. {Remedy}");
        }

        return warnings;
    }

    private static string? NotPublic(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            return IsPrivate(ip) ? "a loopback, private or link-local address" : null;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "this machine (localhost)";
        }

        // "hub" or "hub.local" resolve, if at all, only inside a local network.
        return !host.Contains('.', StringComparison.Ordinal) || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            ? "a local network name"
            : null;
    }

    private static bool IsPrivate(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // fc00::/7 unique local, plus link-local and site-local.
            return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || (ip.GetAddressBytes()[0] & 0xFE) == 0xFC;
        }

        var b = ip.GetAddressBytes();
        return b[0] == 10
            || b[0] == 172 && b[1] is >= 16 and <= 31
            || b[0] == 192 && b[1] == 168
            || b[0] == 169 && b[1] == 254 // link-local
            || b[0] == 100 && b[1] is >= 64 and <= 127; // carrier-grade NAT
    }
}
