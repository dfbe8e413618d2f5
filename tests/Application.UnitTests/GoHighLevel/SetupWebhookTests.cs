using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using NSubstitute;
using static IntegrationHub.Application.UnitTests.Support.GoHighLevelIntegrations;

namespace IntegrationHub.Application.UnitTests.GoHighLevel;

/// <summary>
/// SetupWebhook: the new secret replaces the current one, and the one it replaces stays valid for a 24-hour grace period
/// so deliveries already in flight are not rejected; a first setup has nothing to keep.
/// </summary>
public sealed class SetupWebhookTests : GoHighLevelTests
{
    private IPublicUrls _urls = null!;

    [SetUp]
    public void CreateSubstitutes()
    {
        _urls = Substitute.For<IPublicUrls>();
        _urls.WebhookUrl().Returns("https://hub.example.com/api/webhooks/gohighlevel");
    }

    private SetupGhlWebhookHandler Handler() => new(Db, Connections(), SeeThroughProtector(), _urls, Clock);

    private static string Plain(string stored, Domain.Integrations.Integration integration) =>
        SeeThroughProtector().Unprotect(stored, WebhookSecrets.Context(integration.SubAccountId, integration.SecretScope));

    [Test]
    public async Task A_first_setup_stores_the_secret_and_keeps_no_previous_one()
    {
        var integration = await AddConnected();

        var result = await Handler().Handle(new SetupGhlWebhookCommand(integration.Id), CancellationToken.None);

        var saved = await Saved().Integrations.SingleAsync();
        Plain(saved.WebhookSecret!, saved).Should().Be(result.Secret);
        saved.PreviousWebhookSecret.Should().BeNull();
        saved.PreviousWebhookSecretExpiresAt.Should().BeNull();
    }

    [Test]
    public async Task A_rotation_keeps_the_replaced_secret_valid_for_24_hours()
    {
        var integration = await AddConnected();
        var first = await Handler().Handle(new SetupGhlWebhookCommand(integration.Id), CancellationToken.None);
        Clock.Advance(TimeSpan.FromDays(3));

        var second = await Handler().Handle(new SetupGhlWebhookCommand(integration.Id), CancellationToken.None);

        second.Secret.Should().NotBe(first.Secret);
        var saved = await Saved().Integrations.SingleAsync();
        Plain(saved.WebhookSecret!, saved).Should().Be(second.Secret);
        Plain(saved.PreviousWebhookSecret!, saved).Should().Be(first.Secret);
        saved.PreviousWebhookSecretExpiresAt.Should().Be(Now.AddHours(24));
    }
}
