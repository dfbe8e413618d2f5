using IntegrationHub.Application.Common.Security;
using IntegrationHub.Infrastructure.Options;
using IntegrationHub.Infrastructure.Security;

namespace IntegrationHub.Infrastructure.UnitTests;

public sealed class SecretProtectorTests
{
    private static readonly SecretContext Context = new(7, "integration:abc", "config.apiKey");

    private static EncryptionKeyRing Ring(string active, params string[] ids)
    {
        var options = new EncryptionOptions { ActiveKeyId = active };
        foreach (var id in ids)
        {
            options.Keys[id] = Keys.GetOrAdd(id, _ => EncryptionKeyRing.NewKey());
        }

        return EncryptionKeyRing.Load(options, Path.GetTempPath(), isDevelopment: false);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Keys = new();

    [Test]
    public void Round_trip_returns_the_plaintext_and_never_stores_it()
    {
        var protector = new AesGcmSecretProtector(Ring("k1", "k1"));
        var ciphertext = protector.Protect("pit-secret-value", Context);

        ciphertext.Should().StartWith("enc:v1:k1:").And.NotContain("pit-secret-value");
        protector.Unprotect(ciphertext, Context).Should().Be("pit-secret-value");
    }

    [Test]
    public void Each_encryption_uses_a_fresh_nonce()
    {
        var protector = new AesGcmSecretProtector(Ring("k1", "k1"));
        protector.Protect("same", Context).Should().NotBe(protector.Protect("same", Context));
    }

    [Test]
    public void A_tampered_ciphertext_is_an_error_not_garbage()
    {
        var protector = new AesGcmSecretProtector(Ring("k1", "k1"));
        var ciphertext = protector.Protect("pit-secret-value", Context);
        var payload = System.Buffers.Text.Base64Url.DecodeFromChars(ciphertext.AsSpan("enc:v1:k1:".Length));
        payload[15] ^= 0x01;
        var tampered = "enc:v1:k1:" + System.Buffers.Text.Base64Url.EncodeToString(payload);

        var act = () => protector.Unprotect(tampered, Context);
        act.Should().Throw<SecretDecryptionException>().Which.Message.Should().NotContain("pit-secret-value");
        ((Action)(() => protector.Unprotect(ciphertext[..^4], Context))).Should().Throw<SecretDecryptionException>();
        ((Action)(() => protector.Unprotect("enc:v1:k1:!!!", Context))).Should().Throw<SecretDecryptionException>();
        ((Action)(() => protector.Unprotect("plain", Context))).Should().Throw<SecretDecryptionException>();
    }

    [TestCase(8, "integration:abc", "config.apiKey", TestName = "another tenant")]
    [TestCase(7, "integration:other-row", "config.apiKey", TestName = "another integration row")]
    [TestCase(7, "integration:abc", "config.clientSecret", TestName = "another field")]
    public void A_value_copied_elsewhere_does_not_decrypt(int subAccountId, string owner, string field)
    {
        var protector = new AesGcmSecretProtector(Ring("k1", "k1"));
        var ciphertext = protector.Protect("pit-secret-value", Context);

        var act = () => protector.Unprotect(ciphertext, new SecretContext(subAccountId, owner, field));
        act.Should().Throw<SecretDecryptionException>();
    }

    [Test]
    public void Rotation_old_keys_decrypt_new_values_use_the_active_key()
    {
        var old = new AesGcmSecretProtector(Ring("k1", "k1"));
        var ciphertext = old.Protect("pit-secret-value", Context);

        var rotated = new AesGcmSecretProtector(Ring("k2", "k1", "k2"));
        rotated.NeedsReencryption(ciphertext).Should().BeTrue();
        rotated.Unprotect(ciphertext, Context).Should().Be("pit-secret-value");
        var moved = rotated.Protect(rotated.Unprotect(ciphertext, Context), Context);
        moved.Should().StartWith("enc:v1:k2:");
        rotated.NeedsReencryption(moved).Should().BeFalse();

        var withoutOldKey = new AesGcmSecretProtector(Ring("k2", "k2"));
        withoutOldKey.Unprotect(moved, Context).Should().Be("pit-secret-value");
        ((Action)(() => withoutOldKey.Unprotect(ciphertext, Context))).Should().Throw<SecretDecryptionException>()
            .Which.Message.Should().Contain("'k1'");
    }

    [Test]
    public void Outside_development_the_key_ring_refuses_to_start_without_keys()
    {
        var act = () => EncryptionKeyRing.Load(new EncryptionOptions(), Path.GetTempPath(), isDevelopment: false);
        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("IntegrationHub:Encryption:Keys");
    }

    [TestCase("k1", "bm90IDMyIGJ5dGVz", "must be 32 bytes")]
    [TestCase("k1", "%%%", "not valid base64")]
    [TestCase("bad:id", null, "key id")]
    public void Bad_keys_name_the_setting(string id, string? value, string message)
    {
        var options = new EncryptionOptions { ActiveKeyId = id, Keys = { [id] = value ?? EncryptionKeyRing.NewKey() } };
        var act = () => EncryptionKeyRing.Load(options, Path.GetTempPath(), isDevelopment: false);
        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("IntegrationHub:Encryption:").And.Contain(message);
    }

    [Test]
    public void The_active_key_must_be_one_of_the_keys()
    {
        var options = new EncryptionOptions { ActiveKeyId = "missing", Keys = { ["k1"] = EncryptionKeyRing.NewKey() } };
        var act = () => EncryptionKeyRing.Load(options, Path.GetTempPath(), isDevelopment: false);
        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("ActiveKeyId");
    }

    [Test]
    public void Development_generates_a_key_once_and_reuses_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ih-keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = new AesGcmSecretProtector(EncryptionKeyRing.Load(new EncryptionOptions(), folder, isDevelopment: true));
            var ciphertext = first.Protect("value", Context);
            File.Exists(Path.Combine(folder, EncryptionKeyRing.DevelopmentKeyFile)).Should().BeTrue();

            var second = new AesGcmSecretProtector(EncryptionKeyRing.Load(new EncryptionOptions(), folder, isDevelopment: true));
            second.Unprotect(ciphertext, Context).Should().Be("value");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
