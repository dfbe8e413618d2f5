using System.Net;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Outbound;

/// <summary>
/// RetryOutboundOperation: a failed operation is read with its attempt and the request it sent (never the integration's key),
/// retried until GoHighLevel has it; a succeeded one cannot be retried or cancelled (409).
/// </summary>
[TestFixture]
public sealed class RetryOutboundOperationTests : OutboundAdminFixture
{
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
}
