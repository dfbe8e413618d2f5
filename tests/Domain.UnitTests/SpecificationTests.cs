using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Domain.UnitTests;

/// <summary>The rules the specifications beside the aggregates hold, evaluated in memory.</summary>
public sealed class SpecificationTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public void An_active_sync_run_is_one_queued_or_running_of_that_integration()
    {
        var queued = SyncRun.Queue(1, "manual", Now);
        var running = SyncRun.Queue(1, "scheduled", Now);
        running.Start(Now);
        var finished = SyncRun.Queue(1, "manual", Now);
        finished.Start(Now);
        finished.Succeed(Now);
        var otherIntegration = SyncRun.Queue(2, "manual", Now);

        new ActiveSyncRunSpec(1).Evaluate([queued, running, finished, otherIntegration]).Should().Equal(queued, running);
    }

    [Test]
    public void A_location_routes_to_its_integrations_disconnected_ones_last()
    {
        var disconnected = Connected("loc-1");
        disconnected.Disconnect(Now);
        var live = Connected("loc-1");
        var elsewhere = Connected("loc-2");

        new IntegrationsByLocationSpec("loc-1").Evaluate([disconnected, elsewhere, live]).Should().Equal(live, disconnected);
    }

    [Test]
    public void A_reader_sees_the_integrations_of_its_sub_account_or_all_without_one()
    {
        var mine = Connected("loc-1", subAccountId: 7);
        var theirs = Connected("loc-2", subAccountId: 8);

        new IntegrationsVisibleToSpec(7).Evaluate([mine, theirs]).Should().Equal(mine);
        new IntegrationsVisibleToSpec(null).Evaluate([mine, theirs]).Should().Equal(mine, theirs);
    }

    [Test]
    public void A_contact_stands_for_a_lead_within_its_sub_account_only()
    {
        var lead = Lead.Create(1, null, null, new ContactDetails { FirstName = "Ada" }, null, "c-1", Now);
        var sameContactElsewhere = Lead.Create(2, null, null, new ContactDetails { FirstName = "Ada" }, null, "c-1", Now);
        var otherContact = Lead.Create(1, null, null, new ContactDetails { FirstName = "Alan" }, null, "c-2", Now);

        new LeadByContactSpec(1, "c-1").Evaluate([lead, sameContactElsewhere, otherContact]).Should().Equal(lead);
    }

    private static Integration Connected(string locationId, int subAccountId = 1) =>
        Integration.Create(subAccountId, 1, "scope", "GHL", null, "{}", locationId, null, Now);
}
