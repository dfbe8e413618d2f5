using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.UnitTests.Integrations;

/// <summary>
/// ListDueHealthChecks: active and failing GoHighLevel integrations whose next check is due (or never set), longest waiting
/// first; pending, disconnected and other kinds never.
/// </summary>
public sealed class ListDueHealthChecksTests : DatabaseTests
{
    private static readonly HealthPolicy Policy = new(TimeSpan.FromMinutes(5), 3);

    [Test]
    public async Task Only_due_active_or_failing_connector_integrations_are_listed_longest_waiting_first()
    {
        var subAccount = await AddSubAccount();
        var ghl = await AddTemplate("ghl", IntegrationKind.GoHighLevel);
        var generic = await AddTemplate("other");

        var neverChecked = await AddIntegration(subAccount.Id, ghl.Id, status: IntegrationStatus.Active);
        var checkedAnHourAgo = await Add(Checked(subAccount.Id, ghl.Id, healthy: true, Now.AddHours(-1)));
        var failedTwoHoursAgo = await Add(Checked(subAccount.Id, ghl.Id, healthy: false, Now.AddHours(-2)));
        await Add(Checked(subAccount.Id, ghl.Id, healthy: true, Now)); // next check in 5 minutes
        await AddIntegration(subAccount.Id, ghl.Id); // pending
        await AddIntegration(subAccount.Id, ghl.Id, status: IntegrationStatus.Disconnected);
        await AddIntegration(subAccount.Id, generic.Id, status: IntegrationStatus.Active); // no connection check

        var due = await new ListDueHealthChecksHandler(Db, Clock).Handle(new ListDueHealthChecksQuery(), CancellationToken.None);

        due.Should().Equal(neverChecked.Id, failedTwoHoursAgo.Id, checkedAnHourAgo.Id);
    }

    private static Integration Checked(int subAccountId, int templateId, bool healthy, DateTime at)
    {
        var integration = Integration.Create(subAccountId, templateId, Guid.NewGuid().ToString("N"), "Checked", null, "{}", null, null, at);
        integration.RecordCheck(healthy, healthy ? null : "refused", Policy, 0.5, at);
        return integration;
    }
}
