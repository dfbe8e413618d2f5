using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Application.UnitTests.Integrations;

/// <summary>PurgeAlerts: only alerts raised before the cutoff are asked to be deleted; those raised at or after it stay.</summary>
public sealed class PurgeAlertsTests : DatabaseTests
{
    [Test]
    public async Task Only_alerts_raised_before_the_cutoff_are_deleted()
    {
        var subAccount = await AddSubAccount();
        var integrationId = (await AddIntegration(subAccount.Id, (await AddTemplate()).Id)).Id;
        var cutoff = Now.AddDays(-90);
        var old = await Add(IntegrationAlert.Raise(integrationId, AlertKind.Failing, "failing", cutoff.AddMinutes(-1)));
        await Add(IntegrationAlert.Raise(integrationId, AlertKind.Failing, "failing", cutoff));
        await Add(IntegrationAlert.Raise(integrationId, AlertKind.Failing, "failing", Now));

        var deletes = new AskedDeletes();
        var purged = await new PurgeAlertsHandler(Db, deletes).Handle(new PurgeAlertsCommand(cutoff), CancellationToken.None);

        deletes.Asked.Should().Equal(old.Id);
        deletes.Selected.Should().Equal(old.Id);
        purged.Should().Be(1);
    }
}
