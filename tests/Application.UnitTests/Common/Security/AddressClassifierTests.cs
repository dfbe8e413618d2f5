using System.Net;
using IntegrationHub.Application.Common.Security;

namespace IntegrationHub.Application.UnitTests.Common.Security;

/// <summary>AddressClassifier: every address range the outbound address guard refuses, and public neighbours it must not.</summary>
public sealed class AddressClassifierTests
{
    [TestCase("127.0.0.1", AddressKind.Loopback)]
    [TestCase("127.255.0.9", AddressKind.Loopback)]
    [TestCase("10.0.0.1", AddressKind.Private)]
    [TestCase("172.16.0.1", AddressKind.Private)]
    [TestCase("172.31.255.254", AddressKind.Private)]
    [TestCase("192.168.1.1", AddressKind.Private)]
    [TestCase("169.254.1.1", AddressKind.LinkLocal)]
    [TestCase("169.254.169.254", AddressKind.CloudMetadata)]
    [TestCase("169.254.170.2", AddressKind.CloudMetadata)]
    [TestCase("100.100.100.200", AddressKind.CloudMetadata)]
    [TestCase("100.64.0.1", AddressKind.CarrierGradeNat)]
    [TestCase("100.127.255.255", AddressKind.CarrierGradeNat)]
    [TestCase("0.0.0.0", AddressKind.Unspecified)]
    [TestCase("0.1.2.3", AddressKind.Reserved)]
    [TestCase("224.0.0.1", AddressKind.Multicast)]
    [TestCase("239.255.255.250", AddressKind.Multicast)]
    [TestCase("255.255.255.255", AddressKind.Broadcast)]
    [TestCase("240.0.0.1", AddressKind.Reserved)]
    [TestCase("::", AddressKind.Unspecified)]
    [TestCase("::1", AddressKind.Loopback)]
    [TestCase("fc00::1", AddressKind.Private)]
    [TestCase("fd12:3456:789a::1", AddressKind.Private)]
    [TestCase("fe80::1", AddressKind.LinkLocal)]
    [TestCase("febf::1", AddressKind.LinkLocal)]
    [TestCase("fec0::1", AddressKind.Private)]
    [TestCase("fd00:ec2::254", AddressKind.CloudMetadata)]
    [TestCase("ff02::1", AddressKind.Multicast)]
    [TestCase("::ffff:127.0.0.1", AddressKind.Loopback)]
    [TestCase("::ffff:169.254.169.254", AddressKind.CloudMetadata)]
    [TestCase("::ffff:10.0.0.1", AddressKind.Private)]
    [TestCase("::127.0.0.1", AddressKind.Reserved)]
    [TestCase("64:ff9b::7f00:1", AddressKind.Loopback)]
    [TestCase("64:ff9b::a9fe:a9fe", AddressKind.CloudMetadata)]
    [TestCase("2002:7f00:1::1", AddressKind.Loopback)]
    [TestCase("2002:c0a8:101::1", AddressKind.Private)]
    public void A_non_public_address_is_sorted_into_its_kind(string address, AddressKind kind) =>
        AddressClassifier.Classify(IPAddress.Parse(address)).Should().Be(kind);

    [TestCase("8.8.8.8")]
    [TestCase("172.15.255.255")]
    [TestCase("172.32.0.1")]
    [TestCase("100.63.255.255")]
    [TestCase("100.128.0.1")]
    [TestCase("169.253.255.255")]
    [TestCase("192.169.0.1")]
    [TestCase("223.255.255.255")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("2a00:1450:4001::200e")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
    [TestCase("fe00::1")]
    public void A_public_address_is_public(string address) =>
        AddressClassifier.Classify(IPAddress.Parse(address)).Should().Be(AddressKind.Public);

    [Test]
    public void Every_kind_reads_as_words() =>
        Enum.GetValues<AddressKind>().Select(AddressClassifier.Describe).Should().OnlyHaveUniqueItems().And.OnlyContain(d => d.Contains("address"));
}
