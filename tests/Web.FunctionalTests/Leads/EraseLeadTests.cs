using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>
/// Erasure (contract: "Operator essentials"): the lead, its messages and bookings go; its operations are cancelled or
/// stripped; the webhook events about its contact keep their ids only, so a redelivery is still a duplicate; with
/// <c>alsoInCrm</c> GoHighLevel's contact is deleted once; one audit row names the lead id. On SQLite the database files
/// (write-ahead log included) no longer hold the person's e-mail or phone anywhere.
/// </summary>
[TestFixture]
public sealed class EraseLeadTests
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

    [Test]
    public async Task Erasing_a_lead_removes_the_person_everywhere_and_a_redelivery_stays_a_duplicate()
    {
        var email = $"erase.me.{Guid.NewGuid():N}@hub.test";
        const string phone = "+14155559876";
        var lead = await _app.SyncedLeadAsync(_ghl, bookingSync: "blockSlot",
            lead: new { firstName = "Erin", lastName = "Erasable", email, phone, city = "Leeds" });
        var client = lead.Tenant.Client;
        (await client.PostJson($"/api/leads/{lead.LeadId}/messages", new { channel = "sms", body = "Your visit is on Tuesday." })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var booking = await (await client.PostJson($"/api/leads/{lead.LeadId}/bookings",
            new { startTime = "2026-03-02T10:00:00-05:00", endTime = "2026-03-02T10:30:00-05:00", title = "Cleaning" })).Json(HttpStatusCode.Created);
        await _app.SettledAsync(lead.LeadId);
        var update = _ghl.ContactUpdateEvent(lead.ContactId, lead.LocationId, DateTimeOffset.UtcNow);
        var updateText = update.ToJsonString();
        await _app.SendWebhookAsync(update);
        if (!TestDatabase.IsPostgreSql)
        {
            Flush();
            Occurrences(email).Should().BeGreaterThan(0, "before the erasure the person is in the database files (the scan can see them)");
        }

        var erased = await (await _app.Admin().PostJson($"/api/admin/leads/{lead.LeadId}/erase", new { alsoInCrm = true })).Json(HttpStatusCode.OK);

        erased["lead"]!.GetValue<int>().Should().Be(1);
        erased["messages"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        erased["bookings"]!.GetValue<int>().Should().Be(1);
        erased["webhookEvents"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        erased["outbound"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(4, "contact.create, message.send, booking.create and the contact.delete");
        (await client.GetAsync($"/api/leads/{lead.LeadId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/bookings/{booking.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _app.Admin().PostJson($"/api/admin/leads/{lead.LeadId}/erase", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // GoHighLevel's contact goes too, once.
        await Poll.Eventually(() => Task.FromResult(_ghl.Requests.Any(r => r.Method == "DELETE" && r.Path == $"/contacts/{lead.ContactId}") ? "" : null),
            "the contact's DELETE");
        await Poll.Eventually(async () => await ContactDeleteSettled() ? "" : null, "the contact.delete to succeed");
        _ghl.Requests.Count(r => r.Method == "DELETE" && r.Path == $"/contacts/{lead.ContactId}").Should().Be(1);

        // The stored webhook keeps ids only; the same delivery again is a duplicate, not a new lead.
        var events = await _app.Admin().GetJson("/api/admin/webhook-events?limit=500");
        var stored = events.AsArray().Select(e => e!.Id()).ToList();
        foreach (var id in stored)
        {
            var details = (await _app.Admin().GetJson($"/api/admin/webhook-events/{id}")).ToJsonString();
            details.Should().NotContain(email).And.NotContain(phone.TrimStart('+'));
        }

        var again = await _app.Anonymous().SendAsync(WebhookSender.Unsigned(updateText));
        again.StatusCode.Should().Be(HttpStatusCode.OK, "a byte-identical redelivery is a duplicate");
        (await client.GetJson("/api/leads"))["total"]!.GetValue<int>().Should().Be(0);

        var audit = (await _app.Admin().GetJson("/api/admin/audit?action=EraseLead"))["items"]!.AsArray();
        audit.Should().ContainSingle();
        audit[0]!.Str("entityType").Should().Be("Lead");
        audit[0]!.Str("entityId").Should().Be(lead.LeadId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        audit[0]!["changes"]!.AsArray().Should().BeEmpty();

        if (TestDatabase.IsPostgreSql)
        {
            (await RowsMentioning(email)).Should().Be(0);
            (await RowsMentioning(phone)).Should().Be(0);
        }
        else
        {
            Flush();
            Occurrences(email).Should().Be(0, "the e-mail must be in no database file, log included");
            Occurrences(phone).Should().Be(0, "the phone number must be in no database file, log included");
        }
    }

    [Test]
    public async Task Erasure_is_for_admins_and_refuses_a_bad_body()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        (await lead.Tenant.Client.PostJson($"/api/admin/leads/{lead.LeadId}/erase", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _app.Admin().PostRaw($"/api/admin/leads/{lead.LeadId}/erase", """{"alsoInCrm": "yes"}""")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await (await _app.Admin().PostRaw($"/api/admin/leads/{lead.LeadId}/erase", """{"alsoInCmr": true}""")).ProblemAsync(HttpStatusCode.BadRequest))!
            .Str("detail").Should().Contain("property this route does not take").And.Contain("alsoInCmr", "a misspelt option is refused, named");
        (await lead.Tenant.Client.GetAsync($"/api/leads/{lead.LeadId}")).StatusCode.Should().Be(HttpStatusCode.OK, "nothing was erased");

        (await _app.Admin().PostAsync($"/api/admin/leads/{lead.LeadId}/erase", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the body is required ({} will do)");
        // A neighbour whose e-mail contains this lead's (z + the same address): its stored events are not about this person.
        var email = (await lead.Tenant.Client.GetJson($"/api/leads/{lead.LeadId}")).Str("email");
        var neighbourId = (await (await lead.Tenant.Client.PostJson("/api/leads", new { firstName = "Zed", email = "z" + email })).Json(HttpStatusCode.Created)).Id();
        await _app.LeadOperationAsync(neighbourId, OutboundKind.ContactCreate, OutboundStatus.Succeeded);
        var neighbourContact = (await lead.Tenant.Client.GetJson($"/api/leads/{neighbourId}")).Str("externalContactId");
        await _app.SendWebhookAsync(_ghl.ContactUpdateEvent(neighbourContact, lead.LocationId, DateTimeOffset.UtcNow));
        await _app.SendWebhookAsync(_ghl.ContactUpdateEvent(lead.ContactId, lead.LocationId, DateTimeOffset.UtcNow));

        var plain = await (await _app.Admin().PostJson($"/api/admin/leads/{lead.LeadId}/erase", new { })).Json(HttpStatusCode.OK);
        plain["lead"]!.GetValue<int>().Should().Be(1);
        plain["webhookEvents"]!.GetValue<int>().Should().Be(1, "only the event whose values are this person's");
        var bodies = new List<string>();
        foreach (var stored in (await _app.Admin().GetJson("/api/admin/webhook-events?limit=500")).AsArray())
        {
            bodies.Add((await _app.Admin().GetJson($"/api/admin/webhook-events/{stored!.Id()}")).Str("body"));
        }

        bodies.Should().Contain(b => b.Contains("\"z" + email + "\"", StringComparison.Ordinal), "the neighbour's event keeps its body");
        bodies.Should().NotContain(b => b.Contains("\"" + email + "\"", StringComparison.Ordinal));
        (await lead.Tenant.Client.GetAsync($"/api/leads/{neighbourId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(500);
        _ghl.Requests.Should().NotContain(r => r.Method == "DELETE" && r.Path == $"/contacts/{lead.ContactId}", "without alsoInCrm the CRM keeps its contact");
    }

    private async Task<bool> ContactDeleteSettled()
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.OutboundOperations.AnyAsync(o => o.Kind == OutboundKind.ContactDelete && o.Status == OutboundStatus.Succeeded);
    }

    /// <summary>Copies the write-ahead log into the database file and empties it (as the erasure does; retried while a reader holds it).</summary>
    private void Flush()
    {
        using var connection = new SqliteConnection($"Data Source={_app.DatabasePath}");
        connection.Open();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            using var reader = command.ExecuteReader();
            if (reader.Read() && reader.GetInt32(0) == 0)
            {
                return;
            }

            Thread.Sleep(100);
        }

        Assert.Fail("the write-ahead log could not be checkpointed");
    }

    /// <summary>How many times the text occurs in the data folder's database files (and their logs), as raw bytes.</summary>
    private int Occurrences(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(_app.DataDirectory, "*.db*", SearchOption.AllDirectories)
            .Sum(file => Count(ReadShared(file), needle));
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static int Count(byte[] haystack, byte[] needle)
    {
        var count = 0;
        for (var at = haystack.AsSpan().IndexOf(needle); at >= 0;)
        {
            count++;
            var next = haystack.AsSpan(at + 1).IndexOf(needle);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return count;
    }

    /// <summary>PostgreSQL: rows of the hub's tables whose text (any column) contains the value.</summary>
    private async Task<int> RowsMentioning(string value)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var total = 0;
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct())
        {
            var sql = $"SELECT count(*) AS \"Value\" FROM \"{table}\" t WHERE t::text LIKE {{0}}";
            total += (await db.Database.SqlQueryRaw<int>(sql, "%" + value + "%").ToListAsync()).Single();
        }

        return total;
    }
}
