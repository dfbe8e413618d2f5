using System.Net;
using IntegrationHub.Application.Common.Security;

namespace IntegrationHub.Application.UnitTests.Common.Security;

/// <summary>
/// OutboundTargets, the set-time half of the outbound address guard: a URL's text, with every way of spelling a local
/// address that the resolver would also read (IPv4-mapped IPv6, decimal, octal, hex, a trailing dot), and the two settings.
/// </summary>
public sealed class OutboundTargetsTests
{
    private static readonly OutboundTargets Strict = new(allowHttp: false, allowPrivateTargets: false);
    private static readonly OutboundTargets Lax = new(allowHttp: true, allowPrivateTargets: true);

    public static IEnumerable<TestCaseData> LocalUrls()
    {
        yield return Case("https://127.0.0.1/", "a loopback address");
        yield return Case("https://127.0.0.1:8443/v1/", "a loopback address");
        yield return Case("https://10.1.2.3/", "a private address");
        yield return Case("https://172.16.0.1/", "a private address");
        yield return Case("https://192.168.0.10/", "a private address");
        yield return Case("https://169.254.10.10/", "a link-local address");
        yield return Case("https://169.254.169.254/latest/meta-data/", "a cloud metadata address");
        yield return Case("https://100.64.0.1/", "a carrier-grade NAT (shared) address");
        yield return Case("https://0.0.0.0/", "the unspecified address");
        yield return Case("https://224.0.0.1/", "a multicast address");
        yield return Case("https://255.255.255.255/", "the broadcast address");
        yield return Case("https://[::1]/", "a loopback address");
        yield return Case("https://[::]/", "the unspecified address");
        yield return Case("https://[fd12:3456::1]/", "a private address");
        yield return Case("https://[fe80::1]/", "a link-local address");
        yield return Case("https://[fd00:ec2::254]/", "a cloud metadata address");
        yield return Case("https://[::ffff:127.0.0.1]/", "a loopback address");
        yield return Case("https://[::ffff:169.254.169.254]/", "a cloud metadata address");
        yield return Case("https://[::ffff:7f00:1]/", "a loopback address");
        yield return Case("https://2130706433/", "a loopback address");
        yield return Case("https://0177.0.0.1/", "a loopback address");
        yield return Case("https://0x7f.0.0.1/", "a loopback address");
        yield return Case("https://0x7f000001/", "a loopback address");
        yield return Case("https://0xA9FEA9FE/", "a cloud metadata address");
        yield return Case("https://localhost/", "a loopback address");
        yield return Case("https://LOCALHOST./", "a loopback address");
        yield return Case("https://api.localhost:9/", "a loopback address");
        yield return Case("https://metadata.google.internal/computeMetadata/v1/", "a cloud metadata address");

        static TestCaseData Case(string url, string kind) => new TestCaseData(url, kind).SetName($"{url} is refused as {kind}");
    }

    [TestCaseSource(nameof(LocalUrls))]
    public void A_url_that_points_to_a_local_address_is_refused_naming_the_kind_and_the_setting(string url, string kind)
    {
        Strict.Refusal(url).Should().Be($"must not point to {kind} (allowed only with IntegrationHub:Network:AllowPrivateTargets on)");
        new OutboundTargets(allowHttp: false, allowPrivateTargets: true).Refusal(url).Should().BeNull("the setting lifts the rule");
    }

    [TestCase("http://services.leadconnectorhq.com")]
    [TestCase("HTTP://crm.example.com:8080/api")]
    public void Plain_http_is_refused_unless_allowed(string url)
    {
        Strict.Refusal(url).Should().Be("must use https (plain http only with IntegrationHub:Network:AllowHttp on)");
        new OutboundTargets(allowHttp: true, allowPrivateTargets: false).Refusal(url).Should().BeNull();
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not a url")]
    [TestCase("/relative/path")]
    [TestCase("ftp://example.com")]
    [TestCase("file:///etc/passwd")]
    [TestCase("gopher://127.0.0.1:6379/")]
    public void Anything_but_an_absolute_web_url_is_refused_whatever_the_settings(string? url)
    {
        Strict.Refusal(url).Should().Be("must be an absolute https URL");
        Lax.Refusal(url).Should().Be("must be an absolute https URL");
    }

    [TestCase("https://services.leadconnectorhq.com")]
    [TestCase("https://8.8.8.8/")]
    [TestCase("https://[2606:4700:4700::1111]/")]
    [TestCase("https://crm.example.com:8443/v2/")]
    [TestCase("https://localhost.example.com/")]
    [TestCase("https://hooks.slack.com/services/T000/B000/XXXX")]
    public void A_public_https_url_is_allowed(string url) => Strict.Refusal(url).Should().BeNull();

    [Test]
    public void Http_to_a_local_address_needs_both_settings()
    {
        new OutboundTargets(allowHttp: true, allowPrivateTargets: false).Refusal("http://127.0.0.1:8080/").Should().Contain("a loopback address");
        new OutboundTargets(allowHttp: false, allowPrivateTargets: true).Refusal("http://127.0.0.1:8080/").Should().StartWith("must use https");
        Lax.Refusal("http://127.0.0.1:8080/").Should().BeNull();
    }

    [Test]
    public void A_resolved_address_is_refused_naming_its_kind_and_the_setting_unless_allowed()
    {
        Strict.Refusal(IPAddress.Parse("10.0.0.7")).Should().Be("a private address, which the hub does not call (IntegrationHub:Network:AllowPrivateTargets is off)");
        Strict.Refusal(IPAddress.Parse("93.184.215.14")).Should().BeNull();
        Lax.Refusal(IPAddress.Parse("10.0.0.7")).Should().BeNull();
    }
}
