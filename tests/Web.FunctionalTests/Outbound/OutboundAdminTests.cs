using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Outbound;

/// <summary>
/// <c>/api/admin/outbound</c> against the real app and the fake GoHighLevel: operations listed and filtered, one read
/// with its attempts and the request it sent (never the integration's key), a failed one retried until GoHighLevel has
/// it, a waiting one cancelled and never sent, and what is refused (409), unknown (404) or badly asked (400).
/// </summary>
[TestFixture]
public sealed class OutboundAdminTests : GoHighLevelFixture
{
    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        ["IntegrationHub:GoHighLevel:BaseDelay"] = "00:00:00.020",
        ["IntegrationHub:GoHighLevel:MaxDelay"] = "00:00:01",
        ["IntegrationHub:GoHighLevel:AttemptTimeout"] = "00:00:05",
        ["IntegrationHub:GoHighLevel:MaxAttempts"] = "3",
    };

    /// <summary>A tenant with a GoHighLevel integration, still pending (its leads' operations wait) unless <paramref name="active"/>.</summary>
    private async Task<(Tenant Tenant, int IntegrationId)> TenantWithGoHighLevel(bool active)
    {
        var tenant = await App.CreateTenant("Outbound " + Guid.NewGuid().ToString("N")[..6]);
        var integrationId = await ConnectGoHighLevel(tenant, syncIntervalMinutes: 0);
        if (active)
        {
            await Activate(integrationId);
        }

        return (tenant, integrationId);
    }

    private static async Task<(int LeadId, string Email)> NewLead(Tenant tenant)
    {
        var email = $"outbound.{Guid.NewGuid():N}@hub.test";
        var lead = await (await tenant.Client.PostJson("/api/leads", new { name = "Out Bound", email })).Json(HttpStatusCode.Created);
        return (lead.Id(), email);
    }

    private async Task<JsonArray> List(string query) => (await Admin.GetJson("/api/admin/outbound" + query)).AsArray();

    [Test]
    public async Task A_failed_operation_shows_its_attempt_and_request_without_the_key_and_a_retry_delivers_it()
    {
        var (tenant, integrationId) = await TenantWithGoHighLevel(active: true);
        Ghl.Fail(FaultKind.Unprocessable, pathPrefix: "/contacts/upsert");
        var (leadId, email) = await NewLead(tenant);
        var failed = await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Failed);

        var listed = (await List($"?leadId={leadId}")).Should().ContainSingle().Subject!;
        listed.Id().Should().Be(failed.Id);
        listed.Str("kind").Should().Be("contact.create");
        listed.Str("status").Should().Be("failed");
        listed["integrationId"]!.GetValue<int>().Should().Be(integrationId);
        listed["attempts"]!.GetValue<int>().Should().Be(1);
        listed.Str("lastError").Should().NotBeNullOrWhiteSpace();
        listed["completedAt"].Should().NotBeNull();

        var response = await Admin.GetAsync($"/api/admin/outbound/{failed.Id}");
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain(FakeGoHighLevel.ValidToken, "the integration's key is never shown");
        var details = await response.Json(HttpStatusCode.OK);
        details.Str("status").Should().Be("failed");
        var attempt = details["attempts"]!.AsArray().Should().ContainSingle().Subject!;
        attempt["number"]!.GetValue<int>().Should().Be(1);
        attempt["httpStatus"]!.GetValue<int>().Should().Be(422);
        attempt.Str("error").Should().Be(details.Str("lastError"));
        attempt["at"].Should().NotBeNull();
        attempt["durationMs"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(0);
        details["request"]!.Str("path").Should().Be("/contacts/upsert");
        details["request"]!["body"]!.Str("email").Should().Be(email, "the request is JSON, not a string of it");

        var retried = await (await Admin.PostAsync($"/api/admin/outbound/{failed.Id}/retry", null)).Json(HttpStatusCode.Accepted);
        retried.Id().Should().Be(failed.Id);
        retried.Str("status").Should().BeOneOf("pending", "running", "succeeded");
        await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Succeeded);
        Ghl.RequestsTo("/contacts/upsert").Count(r => r.Body.Contains(email)).Should().Be(2, "the refused try and the retried one");
        (await tenant.Client.GetJson($"/api/leads/{leadId}")).Str("externalContactId").Should().NotBeNullOrEmpty();

        var done = await Admin.GetJson($"/api/admin/outbound/{failed.Id}");
        done["attempts"]!.AsArray().Should().HaveCount(2);
        done["lastError"].Should().BeNull();

        var again = await (await Admin.PostAsync($"/api/admin/outbound/{failed.Id}/retry", null)).ProblemAsync(HttpStatusCode.Conflict);
        again.Str("detail").Should().Contain("succeeded");
        await (await Admin.DeleteAsync($"/api/admin/outbound/{failed.Id}")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task A_waiting_operation_is_cancelled_and_never_sent_even_once_its_integration_is_active()
    {
        var (tenant, integrationId) = await TenantWithGoHighLevel(active: false);
        var (leadId, email) = await NewLead(tenant);
        var waiting = (await List($"?status=waiting&integrationId={integrationId}")).Should().ContainSingle().Subject!;
        waiting["leadId"]!.GetValue<int>().Should().Be(leadId);

        (await Admin.DeleteAsync($"/api/admin/outbound/{waiting.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var cancelled = await Admin.GetJson($"/api/admin/outbound/{waiting.Id()}");
        cancelled.Str("status").Should().Be("cancelled");
        cancelled.Str("lastError").Should().Be("Cancelled by an admin.");
        cancelled["completedAt"].Should().NotBeNull();
        cancelled["request"].Should().BeNull("it never ran");
        await (await Admin.DeleteAsync($"/api/admin/outbound/{waiting.Id()}")).ProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.PostAsync($"/api/admin/outbound/{waiting.Id()}/retry", null)).ProblemAsync(HttpStatusCode.Conflict);

        // Once the integration is active, a later lead goes out; the cancelled one does not.
        await Activate(integrationId);
        var (later, _) = await NewLead(tenant);
        await App.LeadOperationAsync(later, OutboundKind.ContactCreate, OutboundStatus.Succeeded);
        Ghl.RequestsTo("/contacts/upsert").Should().NotContain(r => r.Body.Contains(email));
        (await Admin.GetJson($"/api/admin/outbound/{waiting.Id()}")).Str("status").Should().Be("cancelled");
    }

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
