using System.Security.Cryptography;
using IntegrationHub.Infrastructure.Webhooks;
using NSec.Cryptography;

namespace IntegrationHub.Infrastructure.UnitTests;

public sealed class WebhookKeyTests
{
    [Test]
    public void GoHighLevels_published_Ed25519_key_is_the_default_and_is_the_key_its_guide_names()
    {
        var options = new WebhookOptions();
        options.GhlEd25519PublicKey.Should().Be(WebhookOptions.GhlPublishedEd25519Key);

        var key = GhlPublicKeys.Ed25519(options.GhlEd25519PublicKey)!;
        var spki = key.Export(KeyBlobFormat.PkixPublicKey);
        Convert.ToHexStringLower(SHA256.HashData(spki)).Should().StartWith("5a2c1b27", "the fingerprint GoHighLevel's guide gives");
    }

    [Test]
    public void GoHighLevels_published_RSA_key_stays_a_default()
    {
        using var rsa = GhlPublicKeys.Rsa(new WebhookOptions().GhlRsaPublicKey)!;
        rsa.KeySize.Should().Be(4096);
    }

    [TestCase("not a key")]
    [TestCase("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")]
    public void A_key_that_does_not_parse_fails_validation_naming_the_setting(string pem)
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions { GhlEd25519PublicKey = pem, GhlRsaPublicKey = pem });
        result.Failed.Should().BeTrue();
        result.Failures.Should().HaveCount(2);
        result.Failures.Should().Contain(f => f.StartsWith(GhlPublicKeys.Ed25519Setting, StringComparison.Ordinal));
        result.Failures.Should().Contain(f => f.StartsWith(GhlPublicKeys.RsaSetting, StringComparison.Ordinal));
    }

    [Test]
    public void Empty_keys_turn_a_scheme_off_and_are_valid()
    {
        new WebhookOptionsValidator().Validate(null, new WebhookOptions { GhlEd25519PublicKey = "", GhlRsaPublicKey = " " })
            .Succeeded.Should().BeTrue();
    }

    [TestCase("notaurl")]
    [TestCase("ftp://hub.example.com")]
    [TestCase("/relative")]
    public void A_public_base_url_must_be_absolute_http(string url) =>
        new WebhookOptionsValidator().Validate(null, new WebhookOptions { PublicBaseUrl = url }).Failed.Should().BeTrue();
}
