using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Outbound;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Outbound;

/// <summary>
/// The delivery rules of outbound operations (contract: "Two-way sync"), against a fake GoHighLevel told to refuse:
/// permanent failures end at once with GoHighLevel's message and traceId, transient ones come back, a refused token puts
/// the integration in error and its operations waiting until it works again, the duplicate-contact 400 links the lead.
/// </summary>
[TestFixture]
public sealed class OutboundDeliveryTests : GoHighLevelFixture
{
    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>
    {
        // One attempt per try: each refusal the fake is told to give reaches the operation as it is.
        ["IntegrationHub:GoHighLevel:MaxAttempts"] = "1",
        ["IntegrationHub:GoHighLevel:AttemptTimeout"] = "00:00:05",
    };

    private async Task<(Tenant Tenant, int IntegrationId)> Active()
    {
        var tenant = await App.CreateTenant("Out " + Guid.NewGuid().ToString("N")[..6]);
        var integrationId = await ConnectGoHighLevel(tenant);
        await Activate(integrationId);
        return (tenant, integrationId);
    }

    private static async Task<int> NewLead(Tenant tenant, string email) =>
        (await (await tenant.Client.PostJson("/api/leads", new { name = "Out Bound", email })).Json(HttpStatusCode.Created)).Id();

    private static string Email() => $"out.{Guid.NewGuid():N}@hub.test";

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
    public async Task A_lead_created_from_a_gohighlevel_contact_stages_nothing()
    {
        // Sent back, it would loop: the hub's lead came from the CRM.
        var (tenant, integrationId) = await Active();
        Ghl.AddContact("From", "Crm", Email(), DateTimeOffset.UtcNow);
        (await Admin.PostAsync($"/api/admin/integrations/{integrationId}/sync", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Poll.Eventually(() => Finished(integrationId), "the sync to finish");
        (await Admin.GetJson($"/api/leads?subAccountId={tenant.SubAccountId}")).ToJsonString().Should().Contain("From");

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.OutboundOperations.CountAsync(o => o.IntegrationId == integrationId)).Should().Be(0);
    }

    private async Task<JsonNode?> Finished(int integrationId) =>
        (await Admin.GetJson($"/api/admin/integrations/{integrationId}/sync-runs")).AsArray()
            .FirstOrDefault(r => r!.Str("status") == "succeeded");

    [Test]
    public async Task Operations_of_one_lead_run_one_at_a_time_in_the_order_they_were_made()
    {
        // The claim query itself, on the app's real database: only a lead's first unfinished operation may run.
        var tenant = await App.CreateTenant("Order " + Guid.NewGuid().ToString("N")[..6]);
        var pending = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = GoHighLevelTemplateId, name = "Never tested",
            config = new { apiKey = FakeGoHighLevel.ValidToken, locationId = FakeGoHighLevel.NewLocationId(), baseUrl = Ghl.Url },
        })).Json(HttpStatusCode.Created);
        var leadId = await NewLead(tenant, Email());
        var first = await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Waiting);

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var later = OutboundOperation.Create(OutboundKind.ContactUpdate, pending.Id(), leadId, canRunNow: true, DateTime.UtcNow);
        db.OutboundOperations.Add(later);
        await db.SaveChangesAsync();
        var claimable = await OutboundLeases.Claimable(db, DateTime.UtcNow.AddSeconds(1)).Select(o => o.Id).ToListAsync();
        claimable.Should().NotContain(later.Id, "the lead's earlier operation is still waiting");
        (await App.OperationsForLeadAsync(leadId)).Single(o => o.Id == later.Id).Status.Should().Be(OutboundStatus.Pending);

        // Once the earlier one is finished, the later one runs (this hub cannot deliver a contact.update yet: it fails).
        (await Admin.DeleteAsync($"/api/admin/outbound/{first.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var ran = await Poll.Eventually(async () => (await App.OperationsForLeadAsync(leadId))
            .SingleOrDefault(o => o.Id == later.Id && o.Status == OutboundStatus.Failed), "the later operation to run");
        ran.LastError.Should().Contain("cannot deliver contact.update");
    }

    [Test]
    public async Task A_failed_operation_holds_its_leads_later_ones_until_an_admin_retries_or_cancels_it()
    {
        var (tenant, integrationId) = await Active();
        Ghl.Fail(FaultKind.Unprocessable, pathPrefix: "/contacts/upsert");
        var leadId = await NewLead(tenant, Email());
        var failed = await App.LeadOperationAsync(leadId, OutboundKind.ContactCreate, OutboundStatus.Failed);

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var later = OutboundOperation.Create(OutboundKind.ContactUpdate, integrationId, leadId, canRunNow: true, DateTime.UtcNow);
        db.OutboundOperations.Add(later);
        await db.SaveChangesAsync();
        (await OutboundLeases.Claimable(db, DateTime.UtcNow.AddSeconds(1)).Select(o => o.Id).ToListAsync())
            .Should().NotContain(later.Id, "an update must not run before the create it follows, failed or not");

        (await Admin.DeleteAsync($"/api/admin/outbound/{failed.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Poll.Eventually(async () => (await App.OperationsForLeadAsync(leadId))
            .SingleOrDefault(o => o.Id == later.Id && o.Status == OutboundStatus.Failed), "the later operation to run once the first is cancelled");
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
