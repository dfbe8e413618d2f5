using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Outbound;

/// <summary>
/// ListOutboundOperations: newest first, each filter narrows; a filter word it does not know or an id that is not a number is
/// a 400, an unknown id a 404 (to read, retry or cancel).
/// </summary>
[TestFixture]
public sealed class ListOutboundOperationsTests : OutboundAdminFixture
{
    [Test]
    public async Task The_list_is_newest_first_and_each_filter_narrows_it()
    {
        var (tenant, integrationId) = await TenantWithGoHighLevel(active: false);
        var first = await NewLead(tenant);
        var second = await NewLead(tenant);

        var ofIntegration = await List($"?integrationId={integrationId}");
        ofIntegration.Select(o => o!["leadId"]!.GetValue<int>()).Should().Equal(second.LeadId, first.LeadId);
        ofIntegration.Select(o => o!.Id()).Should().BeInDescendingOrder();
        (await List($"?leadId={first.LeadId}")).Should().ContainSingle().Which!["leadId"]!.GetValue<int>().Should().Be(first.LeadId);
        (await List($"?integrationId={integrationId}&kind=contact.create&status=waiting")).Should().HaveCount(2);
        (await List($"?integrationId={integrationId}&kind=alert")).Should().BeEmpty();
        (await List($"?integrationId={integrationId}&status=failed")).Should().BeEmpty();
        (await List($"?integrationId={integrationId}&limit=1")).Should().ContainSingle().Which!.Id().Should().Be(ofIntegration[0]!.Id());
        (await List("?status=waiting")).Should().OnlyContain(o => o!.Str("status") == "waiting");
    }

    [TestCase("?status=done", "status", "pending, waiting, running, succeeded, failed, conflict, cancelled")]
    [TestCase("?status=Failed", "status", "failed")]
    [TestCase("?kind=contact_create", "kind", "contact.create, contact.update")]
    [TestCase("?limit=0", "limit", "from 1 to 500")]
    [TestCase("?limit=501", "limit", "from 1 to 500")]
    public async Task A_filter_word_it_does_not_know_is_a_validation_problem_naming_the_field(string query, string field, string listed)
    {
        var problem = await (await Admin.GetAsync("/api/admin/outbound" + query)).ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field]!.AsArray().Select(e => e!.GetValue<string>()).Should().ContainSingle().Which.Should().Contain(listed);
    }

    [Test]
    public async Task An_id_that_is_not_a_number_is_a_bad_request_and_an_unknown_one_is_not_found()
    {
        await (await Admin.GetAsync("/api/admin/outbound?leadId=abc")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Admin.GetAsync("/api/admin/outbound/999999")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostAsync("/api/admin/outbound/999999/retry", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.DeleteAsync("/api/admin/outbound/999999")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
