using IntegrationHub.Application.GoHighLevel;

namespace IntegrationHub.Application.UnitTests.GoHighLevel;

/// <summary>Which handed-out webhook URLs GoHighLevel could not use, and why.</summary>
public sealed class WebhookUrlWarningsTests
{
    [TestCase("https://hub.example.com/api/webhook", TestName = "public https host")]
    [TestCase("https://hub.example.com:8443/base/api/webhook", TestName = "public https host on another port and path")]
    [TestCase("https://203.0.113.7/api/webhook", TestName = "public IPv4 address")]
    [TestCase("https://[2001:db8::1]/api/webhook", TestName = "public IPv6 address")]
    public void A_public_https_url_has_no_warning(string url) =>
        WebhookUrlWarnings.For(url).Should().BeEmpty();

    [Test]
    public void The_development_default_is_warned_about_twice_with_the_remedy()
    {
        var warnings = WebhookUrlWarnings.For("http://localhost:5080/api/webhook");

        warnings.Should().HaveCount(2);
        warnings[0].Should().Contain("uses http, not https");
        warnings[1].Should().Contain("localhost").And.Contain("GoHighLevel cannot reach it");
        warnings.Should().OnlyContain(w => w.Contains("IntegrationHub__Webhooks__PublicBaseUrl"));
    }

    [TestCase("http://hub.example.com/api/webhook", "not https", TestName = "plain http to a public host")]
    [TestCase("https://127.0.0.1:5080/api/webhook", "loopback", TestName = "IPv4 loopback")]
    [TestCase("https://[::1]:5080/api/webhook", "loopback", TestName = "IPv6 loopback")]
    [TestCase("https://10.1.2.3/api/webhook", "private", TestName = "10/8")]
    [TestCase("https://172.20.0.5/api/webhook", "private", TestName = "172.16/12")]
    [TestCase("https://192.168.1.10/api/webhook", "private", TestName = "192.168/16")]
    [TestCase("https://169.254.169.254/api/webhook", "link-local", TestName = "link-local")]
    [TestCase("https://[fd00::5]/api/webhook", "private", TestName = "IPv6 unique local")]
    [TestCase("https://0.0.0.0/api/webhook", "loopback", TestName = "unspecified address")]
    [TestCase("https://app.localhost/api/webhook", "localhost", TestName = "a localhost subdomain")]
    [TestCase("https://hub/api/webhook", "local network name", TestName = "a name without a domain")]
    [TestCase("https://hub.local/api/webhook", "local network name", TestName = "an mDNS name")]
    public void A_url_GoHighLevel_cannot_use_gets_one_warning_saying_why(string url, string why) =>
        WebhookUrlWarnings.For(url).Should().ContainSingle().Which.Should().Contain(why);
}
