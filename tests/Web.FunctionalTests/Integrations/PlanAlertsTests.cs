using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Integrations;

/// <summary>PlanAlerts: an alert and its delivery are one save (none staged without an alert webhook).</summary>
[TestFixture]
public sealed class PlanAlertsTests : OutboundDeliveryFixture
{
    [Test]
    public async Task An_alert_and_its_delivery_are_one_save()
    {
        // Without an alert webhook there is nothing to deliver: the alert is stored and logged, no operation.
        var (_, integrationId) = await Active();
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var integration = await db.Integrations.SingleAsync(i => i.Id == integrationId);
        var policy = new HealthPolicy(TimeSpan.FromMinutes(5), AlertAfterFailures: 1);
        integration.RecordCheck(false, "down", policy, 0.5, DateTime.UtcNow);
        await db.SaveChangesAsync();

        var alert = await db.IntegrationAlerts.AsNoTracking().SingleAsync(a => a.IntegrationId == integrationId);
        alert.DeliveryOperationId.Should().BeNull("no alert webhook is configured in this app");
        (await db.OutboundOperations.CountAsync(o => o.Kind == OutboundKind.Alert && o.IntegrationId == integrationId)).Should().Be(0);
    }
}
