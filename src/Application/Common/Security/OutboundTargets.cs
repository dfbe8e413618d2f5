using System.Net;

namespace IntegrationHub.Application.Common.Security;

/// <summary>
/// Where the hub may send a request (and with it a token or a signed alert): https to a public address. Without this an
/// admin's <c>baseUrl</c> could make the hub call cloud metadata or a service on its own network (server-side request
/// forgery). The two settings lift the rules for local stand-ins, and are on only in Development unless set.
/// A URL is checked when it is set (here, by its text); every connection is checked again by the resolved address
/// (Infrastructure's guarded connections), since a name can resolve elsewhere tomorrow.
/// </summary>
public sealed class OutboundTargets(bool allowHttp, bool allowPrivateTargets)
{
    public const string AllowHttpSetting = "IntegrationHub:Network:AllowHttp";
    public const string AllowPrivateTargetsSetting = "IntegrationHub:Network:AllowPrivateTargets";

    /// <summary>
    /// Names that always mean this machine (RFC 6761) or a cloud's metadata service, refused before any lookup. Any
    /// other name is judged when the hub connects, by what it resolves to then.
    /// </summary>
    private static readonly Dictionary<string, AddressKind> KnownNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["localhost"] = AddressKind.Loopback,
        ["localhost.localdomain"] = AddressKind.Loopback,
        ["ip6-localhost"] = AddressKind.Loopback,
        ["ip6-loopback"] = AddressKind.Loopback,
        ["metadata"] = AddressKind.CloudMetadata,
        ["metadata.google.internal"] = AddressKind.CloudMetadata,
        ["metadata.goog"] = AddressKind.CloudMetadata,
        ["instance-data"] = AddressKind.CloudMetadata,
        ["instance-data.ec2.internal"] = AddressKind.CloudMetadata,
    };

    public bool AllowHttp { get; } = allowHttp;

    public bool AllowPrivateTargets { get; } = allowPrivateTargets;

    /// <summary>
    /// Why the hub may not call <paramref name="url"/>, to follow the field's name ("must use https ..."), or null when it
    /// may. It names the rule, not the URL, which may carry a token.
    /// </summary>
    public string? Refusal(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return "must be an absolute https URL";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !AllowHttp)
        {
            return $"must use https (plain http only with {AllowHttpSetting} on)";
        }

        return TargetKind(uri) is { } kind && Refused(kind)
            ? $"must not point to {AddressClassifier.Describe(kind)} (allowed only with {AllowPrivateTargetsSetting} on)"
            : null;
    }

    /// <summary>Why the hub may not connect to <paramref name="address"/>, or null when it may.</summary>
    public string? Refusal(IPAddress address)
    {
        var kind = AddressClassifier.Classify(address);
        return Refused(kind) ? $"{AddressClassifier.Describe(kind)}, which the hub does not call ({AllowPrivateTargetsSetting} is off)" : null;
    }

    private bool Refused(AddressKind kind) => kind != AddressKind.Public && !AllowPrivateTargets;

    /// <summary>
    /// The kind of an IP-literal host, or of a name known to be local; null for any other name. <see cref="Uri"/> has
    /// already turned the decimal, octal and hex forms (<c>2130706433</c>, <c>0177.0.0.1</c>, <c>0x7f.0.0.1</c>) into
    /// dotted IPv4, as the resolver would read them.
    /// </summary>
    private static AddressKind? TargetKind(Uri uri)
    {
        // A name that is a number in a form Uri does not read (the resolver still would) counts as the address it spells.
        if (IPAddress.TryParse(uri.DnsSafeHost, out var address))
        {
            return AddressClassifier.Classify(address);
        }

        var name = uri.IdnHost.TrimEnd('.');
        return KnownNames.TryGetValue(name, out var known) ? known
            : name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? AddressKind.Loopback
            : null;
    }
}
