using System.Net;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Infrastructure.Options;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Infrastructure.Security;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Secrets;

/// <summary>
/// <c>/health/ready</c> is unhealthy while a stored secret cannot be decrypted: its webhooks cannot be verified. The
/// start-up self-check refuses that state, so here it arises as it can at run time: another instance on the same
/// database writes a webhook secret with a key this one does not have.
/// </summary>
[TestFixture]
public sealed class KeyRingReadinessTests
{
    [Test]
    public async Task Readiness_is_unhealthy_while_a_webhook_secret_is_under_a_key_this_instance_lacks()
    {
        await using var app = new HubApp();
        var tenant = await app.CreateTenant("Readiness");
        var templateId = (await app.Anonymous().GetJson("/api/integration-templates")).AsArray()
            .Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var id = (await (await app.Admin().PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templateId, name = "GHL",
            config = new { apiKey = "readiness-api-key", locationId = "loc-ready" },
        })).Json(HttpStatusCode.Created)).Id();
        (await app.Anonymous().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        // Another instance, with its own key "other", sets up the integration's webhook.
        var otherInstance = new AesGcmSecretProtector(EncryptionKeyRing.Load(
            new EncryptionOptions { ActiveKeyId = "other", Keys = { ["other"] = EncryptionKeyRing.NewKey() } }, app.DataDirectory, isDevelopment: false));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var integration = db.Integrations.Single(i => i.Id == id);
            integration.RotateWebhookSecret(otherInstance.Protect("whsec-from-the-other-instance", WebhookSecrets.Context(integration.SubAccountId,
                integration.SecretScope)), TimeSpan.FromHours(1), DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        var ready = await app.Anonymous().GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "its webhooks cannot be verified for lack of the key");
        (await ready.Content.ReadAsStringAsync()).Should().NotContain("whsec");
        (await app.Anonymous().GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the process itself is fine");
        app.Logs.All.Should().NotContain("whsec-from-the-other-instance");
    }
}
