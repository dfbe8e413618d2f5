using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>
/// The conflict matrix (contract: "Leads edited in the hub", Conflicts): a field changed on one side only, on both to the
/// same value, on both to different values under each policy, detected when the <c>contact.update</c> reads the contact
/// and when a ContactUpdate arrives for an unsent hub change; the echo; a stale ContactUpdate; alerts; resolving.
/// </summary>
[TestFixture]
public sealed class ContactConflictTests
{
    private FakeGoHighLevel _ghl = null!;
    private WireMockServer _alerts = null!;
    private HubApp _app = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _ghl = new FakeGoHighLevel();
        _alerts = WireMockServer.Start();
        _alerts.Given(Request.Create().WithPath("/alerts").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        _app = new HubApp(new Dictionary<string, string?>
        {
            ["IntegrationHub:GoHighLevel:MaxAttempts"] = "1",
            ["IntegrationHub:Alerts:WebhookUrl"] = _alerts.Url + "/alerts",
            ["IntegrationHub:Alerts:WebhookSecret"] = "whsec_" + Convert.ToBase64String("conflict-alert-key-0123456789abcd"u8.ToArray()),
        });
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app.Dispose();
        _alerts.Stop();
        _ghl.Dispose();
    }

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private async Task<JsonNode> Lead(SyncedLead lead) => await lead.Tenant.Client.GetJson($"/api/leads/{lead.LeadId}");

    private async Task<JsonArray> Conflicts(SyncedLead lead, bool history = false) =>
        (await lead.Tenant.Client.GetJson($"/api/leads/{lead.LeadId}/conflicts" + (history ? "?history=true" : ""))).AsArray();

    private async Task<JsonArray> ConflictAlerts(int integrationId) =>
        (await _app.Admin().GetJson($"/api/admin/alerts?kind=conflict&integrationId={integrationId}")).AsArray();

    private List<RecordedRequest> Puts(SyncedLead lead) => _ghl.Requests.Where(r => r.Method == "PUT" && r.Path == $"/contacts/{lead.ContactId}").ToList();

    private async Task Patch(SyncedLead lead, object body) =>
        await (await lead.Tenant.Client.PatchJson($"/api/leads/{lead.LeadId}", body)).Json(HttpStatusCode.OK);

    [Test]
    public async Task Hub_only_change_goes_out_without_a_conflict()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        await Patch(lead, new { firstName = "Hubby" });
        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Succeeded);
        _ghl.ContactValue(lead.ContactId, "firstName")!.GetValue<string>().Should().Be("Hubby");
        (await Conflicts(lead, history: true)).Should().BeEmpty();
        (await ConflictAlerts(lead.IntegrationId)).Should().BeEmpty();
    }

    [Test]
    public async Task Crm_only_change_arrives_by_contact_update_without_a_conflict()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        _ghl.EditContact(lead.ContactId, Now, ("city", "Paris"));
        await _app.SendContactUpdateAsync(_ghl, lead, Now);
        (await Lead(lead)).Str("city").Should().Be("Paris");
        (await Conflicts(lead, history: true)).Should().BeEmpty();
        Puts(lead).Should().BeEmpty();
    }

    [TestCase("lastWriteWins")]
    [TestCase("manual")]
    public async Task Both_sides_changing_a_field_to_the_same_value_is_no_conflict(string policy)
    {
        var lead = await _app.SyncedLeadAsync(_ghl, policy);
        _ghl.EditContact(lead.ContactId, Now, ("city", "Rome"));
        await Patch(lead, new { city = "Rome", state = "Lazio" });
        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Succeeded);
        Puts(lead).Single().Body.Should().Be("""{"state":"Lazio"}""", "GoHighLevel holds the city already");
        (await Conflicts(lead, history: true)).Should().BeEmpty();
        (await Lead(lead))["syncState"]!.Str("status").Should().Be("inSync");
    }

    [Test]
    public async Task Last_write_wins_at_the_push_gohighlevel_changed_later_so_the_lead_takes_its_value()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        _ghl.EditContact(lead.ContactId, Now.AddMinutes(10), ("city", "Crm City"));
        await Patch(lead, new { city = "Hub City" });

        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Succeeded);
        Puts(lead).Should().BeEmpty();
        (await Lead(lead)).Str("city").Should().Be("Crm City");
        var history = (await Conflicts(lead, history: true)).Single()!;
        history.Str("outcome").Should().Be("crmWon");
        history["hubValue"]!.GetValue<string>().Should().Be("Hub City", "the loser is kept in the history");
        (await Conflicts(lead)).Should().BeEmpty();
        var alert = (await ConflictAlerts(lead.IntegrationId)).Single()!;
        alert.Str("message").Should().Contain($"Lead {lead.LeadId}").And.Contain("'city'").And.NotContain("Hub City");
    }

    [Test]
    public async Task Last_write_wins_at_the_push_the_hub_changed_later_so_its_value_goes_out()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        _ghl.EditContact(lead.ContactId, Now.AddMinutes(-10), ("city", "Crm City"));
        await Patch(lead, new { city = "Hub City" });

        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Succeeded);
        Puts(lead).Single().Body.Should().Be("""{"city":"Hub City"}""");
        _ghl.ContactValue(lead.ContactId, "city")!.GetValue<string>().Should().Be("Hub City");
        (await Conflicts(lead, history: true)).Single()!.Str("outcome").Should().Be("hubWon");
        (await ConflictAlerts(lead.IntegrationId)).Should().ContainSingle();
        await Poll.Eventually(() => Task.FromResult(_alerts.LogEntries.FirstOrDefault(e =>
            e.RequestMessage.Body?.Contains("\"type\":\"lead.conflict\"", StringComparison.Ordinal) == true
            && e.RequestMessage.Body.Contains($"Lead {lead.LeadId}:", StringComparison.Ordinal))), "the lead.conflict alert webhook");
    }

    [Test]
    public async Task Manual_at_the_push_leaves_both_sides_ends_the_operation_in_conflict_and_lists_it()
    {
        var lead = await _app.SyncedLeadAsync(_ghl, "manual");
        _ghl.EditContact(lead.ContactId, Now, ("city", "Crm City"));
        await Patch(lead, new { city = "Hub City", lastName = "Other" });

        var operation = await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Conflict);
        operation.LastError.Should().Contain("city");
        Puts(lead).Single().Body.Should().Be("""{"lastName":"Other"}""", "the field not in conflict still goes out");
        _ghl.ContactValue(lead.ContactId, "city")!.GetValue<string>().Should().Be("Crm City");
        var current = await Lead(lead);
        current.Str("city").Should().Be("Hub City");
        current["syncState"]!.Str("status").Should().Be("conflict");
        var open = (await Conflicts(lead)).Single()!;
        open.Str("field").Should().Be("city");
        open["hubValue"]!.GetValue<string>().Should().Be("Hub City");
        open["crmValue"]!.GetValue<string>().Should().Be("Crm City");
        open["detectedAt"].Should().NotBeNull();
        (await ConflictAlerts(lead.IntegrationId)).Should().ContainSingle();
    }

    /// <summary>Both sides changed the city under the manual policy: the push ended in conflict.</summary>
    private async Task<SyncedLead> OpenManualConflictOnCity()
    {
        var lead = await _app.SyncedLeadAsync(_ghl, "manual");
        _ghl.EditContact(lead.ContactId, Now, ("city", "Crm City"));
        await Patch(lead, new { city = "Hub City" });
        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Conflict);
        return lead;
    }

    [Test]
    public async Task Resolving_keep_hub_sends_the_hub_value_without_a_new_conflict()
    {
        var lead = await OpenManualConflictOnCity();

        var resolved = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/conflicts/resolve", new { field = "city", keep = "hub" }))
            .Json(HttpStatusCode.OK);
        resolved.Str("city").Should().Be("Hub City");
        await Poll.Eventually(() => Task.FromResult(_ghl.ContactValue(lead.ContactId, "city")?.GetValue<string>() == "Hub City" ? "sent" : null), "the kept value in GoHighLevel");
        var operations = await _app.SettledAsync(lead.LeadId);
        operations.Count(o => o.Status == OutboundStatus.Conflict).Should().Be(0, "the held operation was cancelled and no new conflict arose");
        (await Conflicts(lead)).Should().BeEmpty();
        (await Conflicts(lead, history: true)).Single()!.Str("outcome").Should().Be("keptHub");
        (await ConflictAlerts(lead.IntegrationId)).Should().ContainSingle();
    }

    [Test]
    public async Task Resolving_keep_crm_gives_the_lead_gohighlevels_value()
    {
        var lead = await OpenManualConflictOnCity();

        var resolved = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/conflicts/resolve", new { field = "city", keep = "crm" }))
            .Json(HttpStatusCode.OK);
        resolved.Str("city").Should().Be("Crm City");
        resolved["syncState"]!.Str("status").Should().Be("inSync");
        Puts(lead).Should().BeEmpty();
        await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/conflicts/resolve", new { field = "city", keep = "crm" }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/conflicts/resolve", new { field = "city", keep = "both" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var other = await _app.CreateTenant("Other " + Guid.NewGuid().ToString("N")[..6]);
        await (await other.Client.GetAsync($"/api/leads/{lead.LeadId}/conflicts")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Resolving_a_tags_conflict_moves_the_lead_between_tag_filters()
    {
        var lead = await _app.SyncedLeadAsync(_ghl, "manual");
        var crmTag = "crm-" + Guid.NewGuid().ToString("N")[..8];
        var hubTag = "hub-" + Guid.NewGuid().ToString("N")[..8];
        async Task<int[]> Tagged(string tag) =>
            [.. (await lead.Tenant.Client.GetJson("/api/leads?tag=" + tag))["items"]!.AsArray().Select(l => l!.Id())];
        _ghl.EditContact(lead.ContactId, Now, ("tags", new JsonArray(crmTag)));
        await Patch(lead, new { tags = new[] { hubTag } });
        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Conflict);
        (await Tagged(hubTag)).Should().Equal(lead.LeadId);

        await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/conflicts/resolve", new { field = "tags", keep = "crm" }))
            .Json(HttpStatusCode.OK);
        (await Tagged(hubTag)).Should().BeEmpty("GoHighLevel's tags replaced the hub's (LeadTags follows the lead)");
        (await Tagged(crmTag)).Should().Equal(lead.LeadId);
    }

    /// <summary>The hub's change is held back (GoHighLevel answers 500 once) while GoHighLevel's ContactUpdate arrives.</summary>
    private async Task<SyncedLead> HubChangeUnsentWhileCrmChanges(string policy, DateTimeOffset crmAt, string crmCity = "Crm City")
    {
        var lead = await _app.SyncedLeadAsync(_ghl, policy);
        _ghl.Fail(FaultKind.ServerError, pathPrefix: $"/contacts/{lead.ContactId}");
        await Patch(lead, new { city = "Hub City" });
        await Poll.Eventually(async () => (await _app.OperationsForLeadAsync(lead.LeadId))
            .FirstOrDefault(o => o.Kind == OutboundKind.ContactUpdate && o.AttemptCount == 1), "the first try to fail");
        _ghl.EditContact(lead.ContactId, crmAt, ("city", crmCity));
        await _app.SendContactUpdateAsync(_ghl, lead, crmAt);
        return lead;
    }

    [Test]
    public async Task Last_write_wins_on_a_contact_update_the_later_crm_change_wins_and_nothing_is_sent()
    {
        var lead = await HubChangeUnsentWhileCrmChanges("lastWriteWins", Now.AddMinutes(2));
        (await Lead(lead)).Str("city").Should().Be("Crm City");
        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Succeeded, seconds: 40);
        Puts(lead).Should().BeEmpty();
        (await Conflicts(lead, history: true)).Single()!.Str("outcome").Should().Be("crmWon");
    }

    [Test]
    public async Task Last_write_wins_on_a_contact_update_the_later_hub_change_wins_and_goes_out()
    {
        var lead = await HubChangeUnsentWhileCrmChanges("lastWriteWins", Now.AddMinutes(-2));
        (await Lead(lead)).Str("city").Should().Be("Hub City");
        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Succeeded, seconds: 40);
        _ghl.ContactValue(lead.ContactId, "city")!.GetValue<string>().Should().Be("Hub City");
        (await Conflicts(lead, history: true)).Single()!.Str("outcome").Should().Be("hubWon", "one conflict, not a second one at the push");
    }

    [Test]
    public async Task Manual_on_a_contact_update_keeps_the_hub_value_and_lists_the_conflict()
    {
        var lead = await HubChangeUnsentWhileCrmChanges("manual", Now);
        var open = (await Conflicts(lead)).Single()!;
        open["crmValue"]!.GetValue<string>().Should().Be("Crm City");
        (await Lead(lead)).Str("city").Should().Be("Hub City");
        await _app.SettledAsync(lead.LeadId, seconds: 40);
        _ghl.ContactValue(lead.ContactId, "city")!.GetValue<string>().Should().Be("Crm City", "manual leaves both sides");
        (await Conflicts(lead)).Should().ContainSingle();
    }

    [Test]
    public async Task The_echo_of_the_hubs_own_change_changes_nothing_and_is_no_conflict()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        await Patch(lead, new { city = "Echo City", tags = new[] { "VIP" } });
        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Succeeded);
        _ghl.EditContact(lead.ContactId, Now, ("tags", new JsonArray("vip"))); // GoHighLevel lower-cases tags
        var before = await Lead(lead);

        await _app.SendContactUpdateAsync(_ghl, lead, Now.AddSeconds(1));
        var after = await Lead(lead);
        after.Str("updatedAt").Should().Be(before.Str("updatedAt"));
        after.Str("city").Should().Be("Echo City");
        (await Conflicts(lead, history: true)).Should().BeEmpty();
        (await _app.OperationsForLeadAsync(lead.LeadId)).Count(o => o.Kind == OutboundKind.ContactUpdate).Should().Be(1);
    }

    [Test]
    public async Task A_stale_contact_update_does_not_undo_a_newer_change()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        var stale = _ghl.ContactUpdateEvent(lead.ContactId, lead.LocationId, Now.AddMinutes(-2)); // London, from before the edit below
        await Patch(lead, new { city = "New City" });
        await _app.LeadOperationAsync(lead.LeadId, OutboundKind.ContactUpdate, OutboundStatus.Succeeded);

        await _app.SendContactUpdateAsync(_ghl, lead, Now.AddMinutes(-2), stale);
        (await Lead(lead)).Str("city").Should().Be("New City");
        (await Conflicts(lead, history: true)).Should().BeEmpty();
    }
}
