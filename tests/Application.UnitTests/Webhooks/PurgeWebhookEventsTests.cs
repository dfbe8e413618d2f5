using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.UnitTests.Webhooks;

/// <summary>
/// PurgeWebhookEvents: only processed and unhandled events received before the cutoff are asked to be deleted; newer ones,
/// and dead letters, unmatched and pending events of any age, stay.
/// </summary>
public sealed class PurgeWebhookEventsTests : DatabaseTests
{
    private int _deliveries;

    private async Task<WebhookEvent> AddEvent(DateTime receivedAt, int? integrationId, Action<WebhookEvent>? settle = null)
    {
        var webhookEvent = WebhookEvent.Receive($"d-{++_deliveries}", "gohighlevel", "ContactCreate", "loc-1", integrationId, null, "hmac-sha256",
            "{}", receivedAt);
        settle?.Invoke(webhookEvent);
        return await Add(webhookEvent);
    }

    [Test]
    public async Task Only_processed_and_unhandled_events_received_before_the_cutoff_are_deleted()
    {
        var subAccount = await AddSubAccount();
        var integrationId = (await AddIntegration(subAccount.Id, (await AddTemplate()).Id, "loc-1")).Id;
        var cutoff = Now.AddDays(-30);
        var old = cutoff.AddMinutes(-1);
        var oldProcessed = await AddEvent(old, integrationId, e => e.MarkProcessed(old, TimeSpan.FromSeconds(1)));
        var oldUnhandled = await AddEvent(old, integrationId, e => e.MarkUnhandled(old));
        await AddEvent(cutoff, integrationId, e => e.MarkProcessed(cutoff, TimeSpan.FromSeconds(1)));
        await AddEvent(Now, integrationId, e => e.MarkUnhandled(Now));
        await AddEvent(old, integrationId, e => e.MarkUnusable("no contact id", old));
        await AddEvent(old, integrationId, e => e.MarkFailedAttempt("boom", old, TimeSpan.FromSeconds(1), TimeSpan.Zero));
        await AddEvent(old, integrationId);
        await AddEvent(old, null);

        var deletes = new AskedDeletes();
        var purged = await new PurgeWebhookEventsHandler(Db, deletes).Handle(new PurgeWebhookEventsCommand(cutoff), CancellationToken.None);

        deletes.Asked.Should().BeEquivalentTo([oldProcessed.Id, oldUnhandled.Id]);
        deletes.Selected.Should().BeEquivalentTo(deletes.Asked, "the rows deleted are the ones asked for");
        purged.Should().Be(2);
    }
}
