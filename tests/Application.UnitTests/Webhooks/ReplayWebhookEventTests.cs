using IntegrationHub.Application.Webhooks;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Webhooks;

/// <summary>
/// ReplayWebhookEvent: an unmatched event is routed if its location has an integration now, and only an event that is
/// received (routed) is handed to the dispatcher.
/// </summary>
public sealed class ReplayWebhookEventTests : DatabaseTests
{
    private IWebhookRoutes _routes = null!;
    private IWebhookDispatcher _dispatcher = null!;

    [SetUp]
    public void CreateSubstitutes()
    {
        _routes = Substitute.For<IWebhookRoutes>();
        _dispatcher = Substitute.For<IWebhookDispatcher>();
    }

    private Task<WebhookEvent> AddUnmatched() => Add(WebhookEvent.Receive("d-1", "gohighlevel", "ContactCreate", "loc-1", null, null, "hmac-sha256",
        """{"type":"ContactCreate","locationId":"loc-1"}""", Now));

    [Test]
    public async Task An_unmatched_event_whose_location_exists_now_is_routed_and_dispatched()
    {
        var subAccount = await AddSubAccount();
        var integration = await AddIntegration(subAccount.Id, (await AddTemplate()).Id, "loc-1");
        var stored = await AddUnmatched();
        _routes.FindAsync("loc-1", Arg.Any<CancellationToken>())
            .Returns(new WebhookRoute(integration.Id, subAccount.Id, integration.SecretScope, null, null, null));

        await new ReplayWebhookEventHandler(Db, _routes, _dispatcher).Handle(new ReplayWebhookEventCommand(stored.Id), CancellationToken.None);

        var replayed = await Saved().WebhookEvents.SingleAsync();
        replayed.Status.Should().Be(WebhookEventStatus.Received);
        replayed.IntegrationId.Should().Be(integration.Id);
        replayed.SubAccountId.Should().Be(subAccount.Id);
        _dispatcher.Received(1).Dispatch(stored.Id);
    }

    [Test]
    public async Task An_unmatched_event_whose_location_is_still_unknown_stays_unmatched_and_is_not_dispatched()
    {
        var stored = await AddUnmatched();

        await new ReplayWebhookEventHandler(Db, _routes, _dispatcher).Handle(new ReplayWebhookEventCommand(stored.Id), CancellationToken.None);

        (await Saved().WebhookEvents.SingleAsync()).Status.Should().Be(WebhookEventStatus.Unmatched);
        _dispatcher.DidNotReceiveWithAnyArgs().Dispatch(default);
    }
}
