using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>
/// <c>PATCH /api/leads/{id}</c> (contract: "Leads edited in the hub"): merge semantics, the create rules, tenancy, and the
/// <c>contact.update</c> it queues: <c>GET /contacts/{id}</c> first, then a <c>PUT</c> of only the changed fields, only as
/// GoHighLevel's UpdateContactDto declares them.
/// </summary>
[TestFixture]
public sealed class EditLeadTests
{
    private FakeGoHighLevel _ghl = null!;
    private HubApp _app = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _ghl = new FakeGoHighLevel();
        _app = new HubApp(new Dictionary<string, string?> { ["IntegrationHub:GoHighLevel:MaxAttempts"] = "1" });
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app.Dispose();
        _ghl.Dispose();
    }

    private List<RecordedRequest> PutsTo(string contactId) =>
        _ghl.Requests.Where(r => r.Method == "PUT" && r.Path == $"/contacts/{contactId}").ToList();

    [Test]
    public async Task A_patch_changes_what_it_names_clears_what_is_null_and_keeps_the_rest()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        var patched = await (await lead.Tenant.Client.PatchRaw($"/api/leads/{lead.LeadId}",
            """{"firstName":"Augusta","city":null,"tags":["vip","math"],"customFields":{"cf-color":"blue"}}""")).Json(HttpStatusCode.OK);

        patched.Str("firstName").Should().Be("Augusta");
        patched["city"].Should().BeNull();
        patched.Str("lastName").Should().Be("Lovelace", "a property left out is unchanged");
        patched.Str("phone").Should().Be("+14155550123");
        patched["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("vip", "math");
        patched["customFields"]!["cf-color"]!.GetValue<string>().Should().Be("blue");
        patched.Str("name").Should().Be("Augusta Lovelace");
        patched["syncState"]!.Str("status").Should().Be("pending");
        (await lead.Tenant.Client.GetJson($"/api/leads/{lead.LeadId}")).Str("firstName").Should().Be("Augusta");

        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Succeeded);
        var calls = _ghl.Requests.Where(r => r.Path == $"/contacts/{lead.ContactId}").ToList();
        calls.Select(r => r.Method).Should().Equal("GET", "PUT");
        calls.Should().OnlyContain(r => r.Version == "2021-07-28");
        var body = JsonNode.Parse(calls[1].Body)!.AsObject();
        body.Select(p => p.Key).Should().BeEquivalentTo("firstName", "city", "tags", "customFields");
        body.Select(p => p.Key).Should().OnlyContain(k => FakeGoHighLevel.UpdateContactProperties.Contains(k));
        body["city"].Should().BeNull();
        body["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("vip", "math");
        body["customFields"]!.ToJsonString().Should().Be("""[{"id":"cf-color","field_value":"blue"}]""");
        _ghl.CustomFieldValue(lead.ContactId, "cf-color")!.GetValue<string>().Should().Be("blue");
        (await lead.Tenant.Client.GetJson($"/api/leads/{lead.LeadId}"))["syncState"]!.Str("status").Should().Be("inSync");
    }

    [Test]
    public async Task Company_stays_in_the_hub_and_the_sync_state_says_so()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        var patched = await (await lead.Tenant.Client.PatchJson($"/api/leads/{lead.LeadId}", new { company = "Analytical Engines Ltd" }))
            .Json(HttpStatusCode.OK);

        patched.Str("company").Should().Be("Analytical Engines Ltd");
        patched["syncState"]!["hubOnlyFields"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Equal("company");
        (await _app.OperationsForLeadAsync(lead.LeadId)).Should().NotContain(o => o.Kind == OutboundKind.ContactUpdate);

        await (await lead.Tenant.Client.PatchJson($"/api/leads/{lead.LeadId}", new { company = "AE", lastName = "King" })).Json(HttpStatusCode.OK);
        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Succeeded);
        PutsTo(lead.ContactId).Single().Body.Should().Be("""{"lastName":"King"}""");
    }

    [Test]
    public async Task A_patch_that_changes_nothing_queues_nothing()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        await (await lead.Tenant.Client.PatchJson($"/api/leads/{lead.LeadId}", new { firstName = "Ada", city = "London" })).Json(HttpStatusCode.OK);
        await (await lead.Tenant.Client.PatchRaw($"/api/leads/{lead.LeadId}", "{}")).Json(HttpStatusCode.OK);
        (await _app.OperationsForLeadAsync(lead.LeadId)).Should().ContainSingle(o => o.Kind == OutboundKind.ContactCreate);
    }

    [TestCase("""{"email":"not-an-email"}""", "email")]
    [TestCase("""{"phone":"call me"}""", "phone")]
    [TestCase("""{"timezone":"Mars/Olympus"}""", "timezone")]
    [TestCase("""{"tags":"vip"}""", "tags")]
    [TestCase("""{"tags":[1,2]}""", "tags")]
    [TestCase("""{"customFields":["a"]}""", "customFields")]
    [TestCase("""{"customFields":{"":"x"}}""", "customFields")]
    [TestCase("""{"firstName":42}""", "firstName")]
    [TestCase("""{"nickname":"Ada"}""", "nickname")]
    [TestCase("""{"externalContactId":"x"}""", "externalContactId")]
    public async Task An_invalid_patch_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        var problem = await (await lead.Tenant.Client.PatchRaw($"/api/leads/{lead.LeadId}", body)).ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
        (await lead.Tenant.Client.GetJson($"/api/leads/{lead.LeadId}")).Str("firstName").Should().Be("Ada");
    }

    [TestCase("[1,2]")]
    [TestCase("\"text\"")]
    [TestCase("null")]
    public async Task A_body_that_is_not_an_object_is_400(string body)
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        await (await lead.Tenant.Client.PatchRaw($"/api/leads/{lead.LeadId}", body)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Another_tenants_lead_is_404_and_an_admin_may_edit_any()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        var other = await _app.CreateTenant("Other " + Guid.NewGuid().ToString("N")[..6]);
        await (await other.Client.PatchJson($"/api/leads/{lead.LeadId}", new { firstName = "Mallory" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.PatchJson("/api/leads/999999", new { firstName = "Mallory" })).ProblemAsync(HttpStatusCode.NotFound);

        (await (await _app.Admin().PatchJson($"/api/leads/{lead.LeadId}", new { lastName = "Byron" })).Json(HttpStatusCode.OK))
            .Str("lastName").Should().Be("Byron");
    }

    [Test]
    public async Task Clearing_custom_fields_sends_each_as_an_empty_value()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        await (await lead.Tenant.Client.PatchJson($"/api/leads/{lead.LeadId}", new { customFields = new Dictionary<string, object> { ["cf-a"] = "1", ["cf-b"] = "2" } }))
            .Json(HttpStatusCode.OK);
        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Succeeded);

        var cleared = await (await lead.Tenant.Client.PatchRaw($"/api/leads/{lead.LeadId}", """{"customFields":null}""")).Json(HttpStatusCode.OK);
        cleared["customFields"]!.AsObject().Should().BeEmpty();
        await Poll.Eventually(async () => (await _app.OperationsForLeadAsync(lead.LeadId))
            .Count(o => o.Kind == OutboundKind.ContactUpdate && o.Status == OutboundStatus.Succeeded) == 2 ? "done" : null, "the second update");
        PutsTo(lead.ContactId).Last().Body.Should().Be("""{"customFields":[{"id":"cf-a","field_value":""},{"id":"cf-b","field_value":""}]}""");
    }

    [Test]
    public async Task A_contact_gone_from_gohighlevel_fails_the_update_with_the_reason_on_the_operation_and_the_lead()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        ((System.Collections.Concurrent.ConcurrentDictionary<string, JsonObject>)_ghl.Contacts).TryRemove(lead.ContactId, out _);
        await (await lead.Tenant.Client.PatchJson($"/api/leads/{lead.LeadId}", new { firstName = "Ghost" })).Json(HttpStatusCode.OK);

        var failed = await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Failed);
        failed.LastError.Should().Contain($"GoHighLevel has no contact {lead.ContactId}");
        var state = (await lead.Tenant.Client.GetJson($"/api/leads/{lead.LeadId}"))["syncState"]!;
        state.Str("status").Should().Be("failed");
        state.Str("reason").Should().Contain("no contact");
    }

    [Test]
    public async Task A_lead_edited_before_its_contact_exists_goes_out_once_the_create_is_done()
    {
        var (tenant, _, _) = await _app.ConnectedTenantAsync(_ghl);
        _ghl.Fail(FaultKind.Slow, pathPrefix: "/contacts/upsert", delay: TimeSpan.FromSeconds(2));
        var leadId = (await (await tenant.Client.PostJson("/api/leads", new { firstName = "Early", email = $"early.{Guid.NewGuid():N}@hub.test" }))
            .Json(HttpStatusCode.Created)).Id();
        await (await tenant.Client.PatchJson($"/api/leads/{leadId}", new { lastName = "Bird" })).Json(HttpStatusCode.OK);

        var operations = await _app.SettledAsync(leadId);
        operations.Select(o => (o.Kind, o.Status)).Should().Equal(
            (OutboundKind.ContactCreate, OutboundStatus.Succeeded), (OutboundKind.ContactUpdate, OutboundStatus.Succeeded));
        var contactId = (await tenant.Client.GetJson($"/api/leads/{leadId}")).Str("externalContactId");
        _ghl.ContactValue(contactId, "lastName")!.GetValue<string>().Should().Be("Bird");
    }

    [Test]
    public async Task A_patch_committed_while_an_update_is_with_gohighlevel_is_sent_too_never_overwritten()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        // The update's read of the contact stalls: the second edit commits while the first one is on its way.
        _ghl.Fail(FaultKind.Slow, pathPrefix: $"/contacts/{lead.ContactId}", delay: TimeSpan.FromSeconds(2));
        await (await lead.Tenant.Client.PatchJson($"/api/leads/{lead.LeadId}", new { firstName = "First" })).Json(HttpStatusCode.OK);
        await Poll.Eventually(() => Task.FromResult(_ghl.RequestsTo($"/contacts/{lead.ContactId}").FirstOrDefault(r => r.Method == "GET")),
            "the update to read the contact");
        await (await lead.Tenant.Client.PatchJson($"/api/leads/{lead.LeadId}", new { city = "Paris" })).Json(HttpStatusCode.OK);

        await _app.SettledAsync(lead.LeadId);
        _ghl.ContactValue(lead.ContactId, "firstName")!.GetValue<string>().Should().Be("First");
        _ghl.ContactValue(lead.ContactId, "city")!.GetValue<string>().Should().Be("Paris",
            "the edit made while the first update ran must reach GoHighLevel, not vanish from the lead's pending changes");
        var state = (await lead.Tenant.Client.GetJson($"/api/leads/{lead.LeadId}"))["syncState"]!;
        state.Str("status").Should().Be("inSync");
        state["openConflicts"]!.GetValue<int>().Should().Be(0, "the hub's own first push is no conflict when it is read back");
    }
}
