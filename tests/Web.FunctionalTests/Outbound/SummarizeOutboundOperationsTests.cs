using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Outbound;

/// <summary>SummarizeOutboundOperations: every status and kind counted, following a cancel.</summary>
[TestFixture]
public sealed class SummarizeOutboundOperationsTests : OutboundAdminFixture
{
    [Test]
    public async Task The_summary_counts_every_status_and_kind_and_follows_a_cancel()
    {
        var (tenant, integrationId) = await TenantWithGoHighLevel(active: false);
        await NewLead(tenant);
        var before = await Admin.GetJson("/api/admin/outbound/summary");
        before["byStatus"]!.AsObject().Select(p => p.Key).Should().Equal(OutboundNames.AllStatuses);
        before["byKind"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(OutboundNames.AllKinds);
        int Count(JsonNode summary, string group, string key) => summary[group]![key]!.GetValue<int>();
        Count(before, "byStatus", "waiting").Should().BeGreaterThanOrEqualTo(1);
        before["byStatus"]!.AsObject().Sum(p => p.Value!.GetValue<int>())
            .Should().Be(before["byKind"]!.AsObject().Sum(p => p.Value!.GetValue<int>()), "each operation has one status and one kind");

        var waiting = (await List($"?integrationId={integrationId}")).Single()!;
        (await Admin.DeleteAsync($"/api/admin/outbound/{waiting.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var after = await Admin.GetJson("/api/admin/outbound/summary");
        Count(after, "byStatus", "waiting").Should().Be(Count(before, "byStatus", "waiting") - 1);
        Count(after, "byStatus", "cancelled").Should().Be(Count(before, "byStatus", "cancelled") + 1);
        Count(after, "byKind", "contact.create").Should().Be(Count(before, "byKind", "contact.create"));
    }
}
