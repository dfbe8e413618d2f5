using System.Text.Json;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Templates;
using IntegrationHub.Application.UnitTests.Support;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Integrations;

public sealed class IntegrationConfigEditorTests
{
    private static readonly string Schema = DefaultTemplates.All.Single(t => t.Name == DefaultTemplates.GoHighLevel).Details.ConfigSchema;
    private ISecretProtector _protector = null!;
    private IntegrationConfigEditor _editor = null!;

    [SetUp]
    public void CreateEditor()
    {
        _protector = GoHighLevelIntegrations.SeeThroughProtector();
        _editor = new IntegrationConfigEditor(_protector, new OutboundTargets(allowHttp: false, allowPrivateTargets: false));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Test]
    public void Secrets_are_encrypted_with_their_tenant_row_and_field_and_defaults_applied()
    {
        var result = _editor.Apply(Schema, null, Json("""{"apiKey":"tok","locationId":"loc-1"}"""), 3, "scope-1");

        result.StoredJson.Should().NotContain("\"tok\"");
        result.ExternalAccountId.Should().Be("loc-1");
        result.Plain["baseUrl"]!.GetValue<string>().Should().Be("https://services.leadconnectorhq.com");
        _protector.Received(1).Protect("tok", new SecretContext(3, "integration:scope-1", "config.apiKey"));
        IntegrationConfigEditor.Masked(result.StoredJson).GetProperty("apiKey").GetString().Should().Be(IntegrationConfigEditor.Mask);
    }

    [Test]
    public void The_mask_sent_back_keeps_the_stored_secret_and_is_never_encrypted()
    {
        var stored = _editor.Apply(Schema, null, Json("""{"apiKey":"tok","locationId":"loc-1"}"""), 3, "s").StoredJson;
        _protector.ClearReceivedCalls();

        var updated = _editor.Apply(Schema, stored, Json("""{"apiKey":"********","calendarId":"c"}"""), 3, "s");

        updated.Plain["apiKey"]!.GetValue<string>().Should().Be("tok");
        _protector.DidNotReceive().Protect(IntegrationConfigEditor.Mask, Arg.Any<SecretContext>());
    }

    [Test]
    public void A_non_string_secret_is_rejected_without_echoing_it()
    {
        var act = () => _editor.Apply(Schema, null, Json("""{"apiKey":424242,"locationId":"l"}"""), 3, "s");
        var errors = act.Should().Throw<ValidationException>().Which.Errors;
        errors.Should().ContainKey("config/apiKey");
        string.Join(" ", errors.Values.SelectMany(v => v)).Should().NotContain("424242");
    }

    [Test]
    public void A_plain_value_may_not_pose_as_ciphertext()
    {
        var act = () => _editor.Apply(Schema, null, Json("""{"apiKey":"k","locationId":"enc:v1:x:abc"}"""), 3, "s");
        act.Should().Throw<ValidationException>().Which.Errors.Should().ContainKey("config/locationId");
    }

    [Test]
    public void Reencrypt_touches_only_values_under_an_old_key()
    {
        var stored = _editor.Apply(Schema, null, Json("""{"apiKey":"tok","locationId":"loc-1"}"""), 3, "s").StoredJson;
        _protector.NeedsReencryption(Arg.Any<string>()).Returns(false);
        _editor.Reencrypt(stored, 3, "s").Should().Be(((string?)null, new SecretMoves(0, 0)));

        _protector.NeedsReencryption(Arg.Any<string>()).Returns(true);
        _protector.Check(Arg.Any<string>(), Arg.Any<SecretContext>()).Returns(new SecretReadability("old", SecretKeyState.Readable));
        var (moved, moves) = _editor.Reencrypt(stored, 3, "s");
        moves.Should().Be(new SecretMoves(Moved: 1, Remaining: 0));
        _editor.Decrypt(moved, 3, "s")["apiKey"]!.GetValue<string>().Should().Be("tok");
    }

    [Test]
    public void Reencrypt_leaves_a_secret_it_cannot_read_and_counts_it_as_remaining()
    {
        var stored = _editor.Apply(Schema, null, Json("""{"apiKey":"tok","locationId":"loc-1"}"""), 3, "s").StoredJson;
        _protector.NeedsReencryption(Arg.Any<string>()).Returns(true);
        _protector.Check(Arg.Any<string>(), Arg.Any<SecretContext>()).Returns(new SecretReadability("gone", SecretKeyState.KeyMissing));

        _editor.Reencrypt(stored, 3, "s").Should().Be(((string?)null, new SecretMoves(Moved: 0, Remaining: 1)));
    }
}
