using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>
/// <c>POST /api/leads/{id}/messages</c> (contract: "Messages sent from the hub"): the message is in the lead's log at once
/// (<c>queued</c>), its <c>message.send</c> calls GoHighLevel's <c>POST /conversations/messages</c>, and the OutboundMessage
/// webhook GoHighLevel echoes it with updates that entry (also when it comes before the send's answer), never adding one.
/// A send that may have reached GoHighLevel is never repeated blindly.
/// </summary>
[TestFixture]
public sealed class SendLeadMessageTests
{
    private FakeGoHighLevel _ghl = null!;
    private HubApp _app = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _ghl = new FakeGoHighLevel();
        _app = new HubApp(new Dictionary<string, string?>
        {
            ["IntegrationHub:GoHighLevel:MaxAttempts"] = "1",
            // Long enough for a cold first call on a busy machine (the connection test), short enough for the timeout test.
            ["IntegrationHub:GoHighLevel:AttemptTimeout"] = "00:00:05",
        });
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app.Dispose();
        _ghl.Dispose();
    }

    private static Task<JsonArray> LogOf(SyncedLead lead) =>
        lead.Tenant.Client.GetJson($"/api/leads/{lead.LeadId}/messages").ContinueWith(t => t.Result.AsArray());

    private Task<JsonNode> MessageWithStatus(SyncedLead lead, int messageId, params string[] statuses) =>
        Poll.Eventually(async () => (await LogOf(lead)).Single(m => m!.Id() == messageId) is var m && statuses.Contains(m!.Str("status")) ? m : null,
            $"message {messageId} to be {string.Join(" or ", statuses)}");

    private List<RecordedRequest> SendsFor(string contactId) =>
        _ghl.Requests.Where(r => r.Method == "POST" && r.Path == "/conversations/messages" && r.Body.Contains(contactId)).ToList();

    [Test]
    public async Task An_sms_is_logged_queued_sent_through_gohighlevel_and_its_echo_updates_that_entry()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);

        var queued = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/messages",
            new { channel = "sms", body = "Your cleaning is tomorrow at 10." })).Json(HttpStatusCode.Accepted);
        queued.Str("status").Should().Be("queued");
        queued.Str("direction").Should().Be("outbound");
        queued.Str("channel").Should().Be("sms");
        queued.Str("to").Should().Be("+14155550123");

        var sent = await MessageWithStatus(lead, queued.Id(), "sent");
        var request = SendsFor(lead.ContactId).Should().ContainSingle().Subject;
        request.Version.Should().Be("2021-04-15");
        var body = JsonNode.Parse(request.Body)!.AsObject();
        body.Str("type").Should().Be("SMS");
        body.Str("subType").Should().Be("SMS");
        body.Str("status").Should().Be("pending");
        body.Str("contactId").Should().Be(lead.ContactId);
        body.Str("message").Should().Be("Your cleaning is tomorrow at 10.");
        var messageId = sent.Str("externalMessageId");
        _ghl.SentMessages.Should().ContainKey(messageId);
        sent.Str("externalConversationId").Should().Be(_ghl.SentMessages[messageId].Str("conversationId"));
        (await _app.LeadOperationAsync(lead.LeadId, OutboundKind.MessageSend, OutboundStatus.Succeeded)).AttemptCount.Should().Be(1);
        var metrics = PrometheusText.Parse(await (await _app.Admin().GetAsync("/metrics")).Content.ReadAsStringAsync());
        metrics.Sum("integrationhub_outbound_operations_total", ("kind", "message.send"), ("outcome", "succeeded")).Should().BeGreaterThan(0,
            "sends are counted by outcome");

        // GoHighLevel's echo, twice (a redelivery): the entry takes its status; the log still holds one entry.
        await _app.SendWebhookAsync(_ghl.OutboundMessageEvent(messageId, lead.LocationId, "delivered"));
        await _app.SendWebhookAsync(_ghl.OutboundMessageEvent(messageId, lead.LocationId, "delivered"));
        var log = await LogOf(lead);
        log.Should().ContainSingle();
        log[0]!.Id().Should().Be(queued.Id());
        log[0]!.Str("status").Should().Be("delivered");
    }

    [Test]
    public async Task An_email_needs_a_subject_and_its_echo_is_matched_by_its_email_message_id()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        var refused = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/messages", new { channel = "email", body = "Hello" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        refused["errors"]!["subject"].Should().NotBeNull();
        (await LogOf(lead)).Should().BeEmpty("a refused message is not logged");

        var queued = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/messages",
            new { channel = "email", body = "Your invoice is attached.", subject = "Invoice 42", html = "<p>Your invoice is attached.</p>" }))
            .Json(HttpStatusCode.Accepted);
        var sent = await MessageWithStatus(lead, queued.Id(), "sent");
        var body = JsonNode.Parse(SendsFor(lead.ContactId).Single().Body)!.AsObject();
        body.Str("type").Should().Be("Email");
        body.Str("subject").Should().Be("Invoice 42");
        body.Str("html").Should().Be("<p>Your invoice is attached.</p>");
        sent.Str("externalEmailMessageId").Should().StartWith("em-");

        // GoHighLevel's published Email example carries only emailMessageId.
        await _app.SendWebhookAsync(_ghl.OutboundMessageEvent(sent.Str("externalMessageId"), lead.LocationId, "opened", withMessageId: false));
        var log = await LogOf(lead);
        log.Should().ContainSingle().Which!.Str("status").Should().Be("opened");
    }

    [Test]
    public async Task Bad_messages_are_refused_naming_the_field_and_change_nothing()
    {
        var lead = await _app.SyncedLeadAsync(_ghl, lead: new { firstName = "No", lastName = "Phone", email = $"no.phone.{Guid.NewGuid():N}@hub.test" });
        var client = lead.Tenant.Client;
        var url = $"/api/leads/{lead.LeadId}/messages";

        (await (await client.PostJson(url, new { channel = "sms", body = "Hi" })).ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["phone"]
            .Should().NotBeNull("an SMS needs the lead's phone");
        (await (await client.PostJson(url, new { channel = "whatsapp", body = "Hi" })).ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["phone"]
            .Should().NotBeNull();
        var tooLong = await (await client.PostJson(url, new { channel = "email", subject = "S", body = new string('x', 100_001) })).ProblemAsync(HttpStatusCode.BadRequest);
        tooLong["errors"]!["body"]![0]!.GetValue<string>().Should().Contain("100,000");
        (await (await client.PostJson(url, new { channel = "fax", body = "Hi" })).ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["channel"]
            .Should().NotBeNull();
        (await (await client.PostJson(url, new { channel = "email", subject = "S", body = "" })).ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["body"]
            .Should().NotBeNull();

        var withPhone = await _app.AnotherSyncedLeadAsync(lead);
        await client.PatchJson($"/api/leads/{withPhone.LeadId}", new { phone = "+14155550199" });
        var sms = await (await client.PostJson($"/api/leads/{withPhone.LeadId}/messages", new { channel = "sms", body = new string('x', 1_601) }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        sms["errors"]!["body"]![0]!.GetValue<string>().Should().Contain("1,600", "the limit is named");

        // Another tenant's lead does not exist for this one.
        var other = await _app.CreateTenant("Other " + Guid.NewGuid().ToString("N")[..6]);
        (await other.Client.PostJson(url, new { channel = "email", subject = "S", body = "Hi" })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await LogOf(lead)).Should().BeEmpty();
        (await LogOf(withPhone)).Should().BeEmpty();
        (await _app.OperationsForLeadAsync(lead.LeadId)).Should().NotContain(o => o.Kind == OutboundKind.MessageSend);
    }

    [Test]
    public async Task A_sub_account_without_a_gohighlevel_integration_cannot_send()
    {
        var tenant = await _app.CreateTenant("Unconnected " + Guid.NewGuid().ToString("N")[..6]);
        var lead = await (await tenant.Client.PostJson("/api/leads", new { firstName = "Lone", phone = "+14155550142" })).Json(HttpStatusCode.Created);
        var problem = await (await tenant.Client.PostJson($"/api/leads/{lead.Id()}/messages", new { channel = "sms", body = "Hi" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        problem.Str("detail").Should().Contain("no GoHighLevel integration");
        (await tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages")).AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task A_lead_without_a_contact_gets_one_first_then_the_message()
    {
        var (tenant, integrationId, _) = await _app.ConnectedTenantAsync(_ghl);
        await (await _app.Admin().PostJson($"/api/admin/integrations/{integrationId}/status", new { status = "disconnected" })).Json(HttpStatusCode.OK);
        var email = $"first.contact.{Guid.NewGuid():N}@hub.test";
        var lead = await (await tenant.Client.PostJson("/api/leads", new { firstName = "First", email, phone = "+14155550177" })).Json(HttpStatusCode.Created);
        var queued = await (await tenant.Client.PostJson($"/api/leads/{lead.Id()}/messages", new { channel = "sms", body = "Welcome!" }))
            .Json(HttpStatusCode.Accepted);
        (await _app.OperationsForLeadAsync(lead.Id())).Select(o => (o.Kind, o.Status)).Should()
            .Equal((OutboundKind.ContactCreate, OutboundStatus.Waiting), (OutboundKind.MessageSend, OutboundStatus.Waiting));

        await (await _app.Admin().PostJson($"/api/admin/integrations/{integrationId}/status", new { status = "active" })).Json(HttpStatusCode.OK);
        await _app.LeadOperationAsync(lead.Id(), OutboundKind.MessageSend, OutboundStatus.Succeeded);
        var contactId = (await tenant.Client.GetJson($"/api/leads/{lead.Id()}")).Str("externalContactId");
        var upsert = _ghl.Requests.Single(r => r.Path == "/contacts/upsert" && r.Body.Contains(email));
        var send = SendsFor(contactId).Should().ContainSingle().Subject;
        _ghl.Requests.ToList().IndexOf(upsert).Should().BeLessThan(_ghl.Requests.ToList().IndexOf(send), "the contact exists before the message goes to it");
        (await tenant.Client.GetJson($"/api/leads/{lead.Id()}/messages")).AsArray().Single()!.Str("status").Should().Be("sent");
        queued.Id().Should().BeGreaterThan(0);
    }

    [Test]
    public async Task An_echo_that_arrives_before_the_send_answer_updates_the_entry_and_the_answer_adds_nothing()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        _ghl.HoldSendAnswer = TimeSpan.FromSeconds(2);
        try
        {
            var queued = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/messages", new { channel = "sms", body = "Echo first " + Guid.NewGuid() }))
                .Json(HttpStatusCode.Accepted);
            var messageId = await Poll.Eventually(() => Task.FromResult(_ghl.SentMessages.Values
                .FirstOrDefault(m => m.Str("contactId") == lead.ContactId)?.Str("messageId")), "GoHighLevel to take the message");
            await _app.SendWebhookAsync(_ghl.OutboundMessageEvent(messageId!, lead.LocationId, "delivered"));
            (await LogOf(lead)).Should().ContainSingle().Which!.Str("status").Should().Be("delivered", "the echo found the message being sent");

            await _app.LeadOperationAsync(lead.LeadId, OutboundKind.MessageSend, OutboundStatus.Succeeded);
            var log = await LogOf(lead);
            log.Should().ContainSingle();
            log[0]!.Id().Should().Be(queued.Id());
            log[0]!.Str("status").Should().Be("delivered", "the send's later answer does not turn it back to sent");
            log[0]!.Str("externalMessageId").Should().Be(messageId);
            SendsFor(lead.ContactId).Should().ContainSingle("it was sent once");
        }
        finally
        {
            _ghl.HoldSendAnswer = null;
        }
    }

    [Test]
    public async Task A_refusal_fails_the_message_with_gohighlevel_reason_and_a_rate_limit_is_waited_out()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        _ghl.Fail(FaultKind.Unprocessable, 1, "/conversations/messages");
        var refused = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/messages", new { channel = "sms", body = "Refused" }))
            .Json(HttpStatusCode.Accepted);
        var failed = await MessageWithStatus(lead, refused.Id(), "failed");
        failed.Str("failureReason").Should().Contain("422").And.Contain("should not exist");
        var operation = await _app.LeadOperationAsync(lead.LeadId, OutboundKind.MessageSend, OutboundStatus.Failed);
        operation.LastTraceId.Should().Be("trace-422-fake");

        // The failed operation holds the lead's later ones until a person decides: cancel it, then send again.
        (await _app.Admin().DeleteAsync($"/api/admin/outbound/{operation.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // A 400 is as final as a 422: failed with GoHighLevel's message.
        _ghl.Fail(FaultKind.BadRequest, 1, "/conversations/messages");
        var bad = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/messages", new { channel = "sms", body = "Bad request" }))
            .Json(HttpStatusCode.Accepted);
        (await MessageWithStatus(lead, bad.Id(), "failed")).Str("failureReason").Should().Contain("HTTP 400");
        var badOperation = (await _app.OperationsForLeadAsync(lead.LeadId)).Single(o => o.Kind == OutboundKind.MessageSend && o.Status == OutboundStatus.Failed);
        (await _app.Admin().DeleteAsync($"/api/admin/outbound/{badOperation.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        _ghl.Fail(FaultKind.RateLimited, 1, "/conversations/messages");
        var limited = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/messages", new { channel = "sms", body = "Rate limited" }))
            .Json(HttpStatusCode.Accepted);
        await MessageWithStatus(lead, limited.Id(), "sent");
        SendsFor(lead.ContactId).Count(r => r.Body.Contains("Rate limited")).Should().Be(2, "refused once with 429, then sent");

        // A 500 is GoHighLevel saying it did not take it: queued again and sent on the next try (~10 s later).
        _ghl.Fail(FaultKind.ServerError, 1, "/conversations/messages");
        var outage = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/messages", new { channel = "sms", body = "After an outage" }))
            .Json(HttpStatusCode.Accepted);
        await Poll.Eventually(async () => (await LogOf(lead)).Single(m => m!.Id() == outage.Id())!.Str("status") == "queued"
            && SendsFor(lead.ContactId).Any(r => r.Body.Contains("After an outage")) ? (object)true : null, "the 500 to leave the message queued");
        await MessageWithStatus(lead, outage.Id(), "sent");
        SendsFor(lead.ContactId).Count(r => r.Body.Contains("After an outage")).Should().Be(2);
    }

    [Test]
    public async Task A_send_that_times_out_is_not_repeated_and_ends_with_outcome_unknown_until_its_echo_shows_it_went_out()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        _ghl.Fail(FaultKind.Slow, 1, "/conversations/messages", delay: TimeSpan.FromSeconds(8));
        var text = "Timed out " + Guid.NewGuid();
        var queued = await (await lead.Tenant.Client.PostJson($"/api/leads/{lead.LeadId}/messages", new { channel = "sms", body = text }))
            .Json(HttpStatusCode.Accepted);

        var failed = await MessageWithStatus(lead, queued.Id(), "failed");
        failed.Str("failureReason").Should().Contain("Outcome unknown");
        (await _app.LeadOperationAsync(lead.LeadId, OutboundKind.MessageSend, OutboundStatus.Failed)).AttemptCount.Should().Be(1);

        // GoHighLevel did carry it out after all; its echo (matched by lead, channel and text) settles it.
        var messageId = await Poll.Eventually(() => Task.FromResult(_ghl.SentMessages.Values.FirstOrDefault(m => m.Str("message") == text)?.Str("messageId")),
            "the slow send to be carried out");
        await _app.SendWebhookAsync(_ghl.OutboundMessageEvent(messageId!, lead.LocationId, "delivered"));
        var settled = (await LogOf(lead)).Should().ContainSingle().Subject!;
        settled.Str("status").Should().Be("delivered");
        settled.Str("externalMessageId").Should().Be(messageId);
        settled["failureReason"].Should().BeNull();
        SendsFor(lead.ContactId).Should().ContainSingle("a send that may have arrived is never repeated by itself");
    }
}
