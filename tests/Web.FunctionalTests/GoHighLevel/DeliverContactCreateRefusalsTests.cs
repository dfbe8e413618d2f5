using System.Net;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel;

/// <summary>
/// DeliverContactCreate against a fake GoHighLevel told to refuse (contract: "Two-way sync"): permanent failures end at once
/// with GoHighLevel's message and traceId, transient ones come back, a refused token puts the integration in error and its
/// operations waiting until it works again, the duplicate-contact 400 links the lead.
/// </summary>
[TestFixture]
public sealed class DeliverContactCreateRefusalsTests : OutboundDeliveryFixture
{
    [Test]
    public async Task A_permanent_refusal_fails_at_once_with_gohighlevels_message_and_trace_id_and_a_warning()
    {
        var (tenant, _) = await Active();
        Ghl.Fail(FaultKind.Unprocessable, pathPrefix: "/contacts/upsert");
        var email = Email();
        var leadId = await NewLead(tenant, email);

        var failed = await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Failed);
        failed.AttemptCount.Should().Be(1, "a 422 is not retried");
        failed.NextAttemptAt.Should().BeNull();
        failed.LastError.Should().Contain("HTTP 422").And.Contain("property color should not exist");
        failed.LastTraceId.Should().Be("trace-422-fake");
        failed.Attempts.Single().HttpStatus.Should().Be(422);
        App.Logs.Lines.Should().Contain(l => l.Contains($"Outbound operation {failed.Id} (contact.create) failed", StringComparison.Ordinal)
            && l.Contains("trace-422-fake", StringComparison.Ordinal));
        Ghl.RequestsTo("/contacts/upsert").Count(r => r.Body.Contains(email)).Should().Be(1);
    }

    [Test]
    public async Task A_transient_failure_is_retried_with_backoff_and_then_succeeds()
    {
        var (tenant, _) = await Active();
        Ghl.Fail(FaultKind.ServerError, pathPrefix: "/contacts/upsert");
        var email = Email();
        var started = DateTime.UtcNow;
        var leadId = await NewLead(tenant, email);

        var retrying = await Poll.Eventually(async () => (await App.OperationsForLeadAsync(leadId))
            .SingleOrDefault(o => o.Status == OutboundStatus.Pending && o.AttemptCount == 1), "the first try to fail");
        retrying.LastError.Should().Contain("HTTP 500");
        // The first retry within a minute: 10 s, spread by a fifth either way.
        retrying.NextAttemptAt.Should().BeAfter(started.AddSeconds(7)).And.BeBefore(DateTime.UtcNow.AddSeconds(13));

        var done = await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Succeeded, seconds: 40);
        done.AttemptCount.Should().Be(2);
        done.Attempts.Select(a => a.HttpStatus).Should().Equal(500, 201);
        (await tenant.Client.GetJson($"/api/leads/{leadId}")).Str("externalContactId").Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task A_refused_token_puts_the_integration_in_error_and_the_operation_waits_until_it_works_again()
    {
        var (tenant, integrationId) = await Active();
        Ghl.Fail(FaultKind.Unauthorized, pathPrefix: "/contacts/upsert");
        var email = Email();
        var leadId = await NewLead(tenant, email);

        var waiting = await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Waiting);
        waiting.Attempts.Single().HttpStatus.Should().Be(401);
        (await Admin.GetJson($"/api/admin/integrations/{integrationId}")).Str("status").Should().Be("error");

        // A later lead of that sub-account waits too, without a call.
        var laterId = await NewLead(tenant, Email());
        (await App.LeadOperationAsync(laterId, OutboundKind.ContactCreate, OutboundStatus.Waiting)).AttemptCount.Should().Be(0);

        // The connection works again (a test or a health check): both go out, the first once more, the second once.
        (await (await Admin.PostAsync($"/api/admin/integrations/{integrationId}/test", null)).Json(HttpStatusCode.OK))["success"]!
            .GetValue<bool>().Should().BeTrue();
        (await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Succeeded)).AttemptCount.Should().Be(2);
        (await App.LeadOperationAsync(laterId, OutboundKind.ContactCreate, OutboundStatus.Succeeded)).AttemptCount.Should().Be(1);
        Ghl.RequestsTo("/contacts/upsert").Count(r => r.Body.Contains(email)).Should().Be(2, "the refused try and the one after recovery");
    }

    [Test]
    public async Task Gohighlevels_duplicate_contact_answer_links_the_lead_to_that_contact()
    {
        var (tenant, _) = await Active();
        Ghl.Fail(FaultKind.DuplicateContact, pathPrefix: "/contacts/upsert");
        var email = Email();
        var leadId = await NewLead(tenant, email);

        var done = await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Succeeded);
        done.Attempts.Single().HttpStatus.Should().Be(400, "the answer was GoHighLevel's duplicate-contact 400, which is no failure");
        var existing = Ghl.Contacts.Values.Single(c => c["email"]?.GetValue<string>() == email);
        (await tenant.Client.GetJson($"/api/leads/{leadId}")).Str("externalContactId").Should().Be(existing["id"]!.GetValue<string>());
    }

    [Test]
    public async Task A_second_refusal_of_the_token_after_the_integration_recovered_fails_the_operation()
    {
        var (tenant, integrationId) = await Active();
        Ghl.Fail(FaultKind.Unauthorized, pathPrefix: "/contacts/upsert");
        var leadId = await NewLead(tenant, Email());
        await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Waiting);

        // The check passes (the token is fine for the location), but the contacts call is refused again.
        Ghl.Fail(FaultKind.Unauthorized, pathPrefix: "/contacts/upsert");
        (await (await Admin.PostAsync($"/api/admin/integrations/{integrationId}/test", null)).Json(HttpStatusCode.OK))["success"]!
            .GetValue<bool>().Should().BeTrue();
        var failed = await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Failed);
        failed.Attempts.Select(a => a.HttpStatus).Should().Equal(401, 401);
    }
}
