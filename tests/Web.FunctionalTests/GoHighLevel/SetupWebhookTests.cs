using System.Net;
using Hangfire;
using Hangfire.Storage;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Jobs;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel;

/// <summary>
/// <c>setup-ghl-webhook</c> (SetupWebhook): the URL, secret and instructions handed out once, and a rotation that keeps
/// the old secret for a while.
/// </summary>
[TestFixture]
public sealed class SetupWebhookTests : GoHighLevelConnectorFixture
{
    [Test]
    public async Task Webhook_setup_returns_url_secret_and_instructions_once_and_rotation_keeps_the_old_secret_for_a_while()
    {
        var (_, id) = await Connected();
        var first = await (await Admin.PostAsync($"/api/admin/integrations/{id}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK);
        first.Str("webhookUrl").Should().Be("https://hub.example.com/api/webhook");
        var secret = first.Str("secret");
        secret.Should().StartWith("whsec_");
        first.Str("instructions").Should().Contain("x-webhook-token").And.Contain("{{contact.email}}").And.Contain(first.Str("webhookUrl"));

        var integration = await Admin.GetJson($"/api/admin/integrations/{id}");
        integration["hasWebhookSecret"]!.GetValue<bool>().Should().BeTrue();
        integration["config"]!.Str("webhookUrl").Should().Be("https://hub.example.com/api/webhook");
        integration.ToJsonString().Should().NotContain(secret);

        var second = await (await Admin.PostAsync($"/api/admin/integrations/{id}/setup-ghl-webhook", null)).Json(HttpStatusCode.OK);
        second.Str("secret").Should().NotBe(secret);
        using var scope = App.Services.CreateScope();
        var stored = scope.ServiceProvider.GetRequiredService<AppDbContext>().Integrations.AsNoTracking().Single(i => i.Id == id);
        stored.PreviousWebhookSecret.Should().NotBeNull();
        stored.PreviousWebhookSecretExpiresAt.Should().BeCloseTo(DateTime.UtcNow.AddHours(24), TimeSpan.FromMinutes(1));
        stored.WebhookSecret.Should().StartWith("enc:v1:").And.NotContain(second.Str("secret"));
    }
}
