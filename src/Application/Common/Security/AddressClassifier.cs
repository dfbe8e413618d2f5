using System.Net;

namespace IntegrationHub.Application.Common.Security;

/// <summary>What an IP address is, as far as calling it from the hub goes: only <see cref="Public"/> is always allowed.</summary>
public enum AddressKind
{
    Public,
    Unspecified,
    Loopback,
    Private,
    CarrierGradeNat,
    LinkLocal,
    CloudMetadata,
    Multicast,
    Broadcast,
    Reserved,
}

/// <summary>
/// Sorts an IP address into an <see cref="AddressKind"/>. An IPv6 address that carries an IPv4 one (IPv4-mapped
/// <c>::ffff:a.b.c.d</c>, NAT64 <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>) is judged by the IPv4 address inside,
/// or <c>[::ffff:127.0.0.1]</c> would be a way around the rules.
/// </summary>
public static class AddressClassifier
{
    private static readonly byte[] AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254").GetAddressBytes();

    public static AddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Classify(address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        return bytes.Length == 4 ? ClassifyV4(bytes) : ClassifyV6(bytes);
    }

    /// <summary>"a loopback address" and the like, for messages.</summary>
    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Unspecified => "the unspecified address",
        AddressKind.Loopback => "a loopback address",
        AddressKind.Private => "a private address",
        AddressKind.CarrierGradeNat => "a carrier-grade NAT (shared) address",
        AddressKind.LinkLocal => "a link-local address",
        AddressKind.CloudMetadata => "a cloud metadata address",
        AddressKind.Multicast => "a multicast address",
        AddressKind.Broadcast => "the broadcast address",
        AddressKind.Reserved => "a reserved address",
        _ => "a public address",
    };

    private static AddressKind ClassifyV4(byte[] b) => (b[0], b[1], b[2], b[3]) switch
    {
        // AWS, Azure, GCP, OpenStack (169.254.169.254), AWS ECS task metadata (169.254.170.2), Alibaba (100.100.100.200).
        (169, 254, 169, 254) or (169, 254, 170, 2) or (100, 100, 100, 200) => AddressKind.CloudMetadata,
        (0, 0, 0, 0) => AddressKind.Unspecified,
        (0, _, _, _) => AddressKind.Reserved, // "this network": Linux connects 0.x.y.z to this machine
        (127, _, _, _) => AddressKind.Loopback,
        (10, _, _, _) => AddressKind.Private,
        (172, >= 16 and <= 31, _, _) => AddressKind.Private,
        (192, 168, _, _) => AddressKind.Private,
        (100, >= 64 and <= 127, _, _) => AddressKind.CarrierGradeNat,
        (169, 254, _, _) => AddressKind.LinkLocal,
        (192, 0, 0, _) => AddressKind.Reserved, // IETF protocol assignments
        (198, 18 or 19, _, _) => AddressKind.Reserved, // benchmarking networks, often used inside data centres
        (255, 255, 255, 255) => AddressKind.Broadcast,
        (>= 224 and <= 239, _, _, _) => AddressKind.Multicast,
        (>= 240, _, _, _) => AddressKind.Reserved,
        _ => AddressKind.Public,
    };

    private static AddressKind ClassifyV6(byte[] b)
    {
        if (b.AsSpan(0, 15).IndexOfAnyExcept((byte)0) < 0)
        {
            return b[15] switch { 0 => AddressKind.Unspecified, 1 => AddressKind.Loopback, _ => AddressKind.Reserved };
        }

        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return AddressKind.Reserved; // deprecated IPv4-compatible ::a.b.c.d
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return ClassifyV4(b[12..16]); // NAT64: judged by the IPv4 address it reaches
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return ClassifyV4(b[2..6]); // 6to4: likewise
        }

        if (AwsMetadataV6.AsSpan().SequenceEqual(b))
        {
            return AddressKind.CloudMetadata; // AWS's IPv6 instance metadata
        }

        return b[0] switch
        {
            0xfc or 0xfd => AddressKind.Private, // unique local fc00::/7
            0xfe when (b[1] & 0xc0) == 0x80 => AddressKind.LinkLocal, // fe80::/10
            0xfe when (b[1] & 0xc0) == 0xc0 => AddressKind.Private, // deprecated site-local fec0::/10
            0xff => AddressKind.Multicast,
            _ => AddressKind.Public,
        };
    }
}
