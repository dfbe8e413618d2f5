using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Leads;
using IntegrationHub.Application.Tenancy;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Tenancy;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>
/// The webhook intake, the processor and the lead upsert at handler level: a real SQLite file, real signatures,
/// no HTTP. Substitutes stand only for the inbox's hand-off and Hangfire.
/// </summary>
public sealed class HandlerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private string _path = null!;
    private SqliteAppDbContext _db = null!;
    private int _subAccountId;

    [SetUp]
    public async Task CreateDatabase()
    {
        _path = Path.Combine(Path.GetTempPath(), $"ih-handlers-{Guid.NewGuid():N}.db");
        _db = NewContext();
        await _db.Database.MigrateAsync();
        var subAccount = SubAccount.Create("Handlers", "America/Chicago", _clock.GetUtcNow().UtcDateTime);
        _db.SubAccounts.Add(subAccount);
        await _db.SaveChangesAsync();
        _subAccountId = subAccount.Id;
    }

    [TearDown]
    public void DeleteDatabase()
    {
        _db.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_path}").Options);

    private async Task AddUser()
    {
        _db.Users.Add(User.Create(_subAccountId, $"u{Guid.NewGuid():N}@x.test", "Owner", Guid.NewGuid().ToString("N"), _clock.GetUtcNow().UtcDateTime));
        await _db.SaveChangesAsync();
    }

    private static ContactDetails Contact(string firstName) => new() { FirstName = firstName, LastName = "Lovelace", Email = "ada@x.test" };

    [Test]
    public async Task Lead_upsert_creates_updates_newer_and_ignores_older_versions_of_a_contact()
    {
        await AddUser();
        var leads = new LeadUpserter(_db, new TenantDirectory(_db), _clock);
        var now = _clock.GetUtcNow().UtcDateTime;

        (await leads.UpsertAsync(_subAccountId, "c1", Contact("Ada"), null, now, CancellationToken.None)).Outcome.Should().Be(UpsertOutcome.Created);
        await _db.SaveChangesAsync();
        (await leads.UpsertAsync(_subAccountId, "c1", Contact("Augusta"), null, now.AddMinutes(1), CancellationToken.None)).Outcome
            .Should().Be(UpsertOutcome.Updated);
        (await leads.UpsertAsync(_subAccountId, "c1", Contact("Stale"), null, now.AddMinutes(-5), CancellationToken.None)).Outcome
            .Should().Be(UpsertOutcome.Unchanged);
        await _db.SaveChangesAsync();

        var lead = await NewContext().Leads.SingleAsync();
        lead.FirstName.Should().Be("Augusta");
        lead.ExternalContactId.Should().Be("c1");
    }

    [Test]
    public async Task Lead_upsert_without_a_user_to_own_the_lead_is_a_retryable_failure()
    {
        var leads = new LeadUpserter(_db, new TenantDirectory(_db), _clock);
        var upsert = () => leads.UpsertAsync(_subAccountId, "c1", Contact("Ada"), null, null, CancellationToken.None);
        await upsert.Should().ThrowAsync<LeadAssignmentException>();
    }

    private async Task<int> Store(string body, string deliveryId)
    {
        var stored = WebhookEvent.Receive(deliveryId, "gohighlevel", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("type").GetString()!,
            "loc-1", 1, _subAccountId, "hmac-sha256", body, _clock.GetUtcNow().UtcDateTime);
        _db.WebhookEvents.Add(stored);
        await _db.SaveChangesAsync();
        return stored.Id;
    }

    private WebhookEventProcessor Processor(AppDbContext db, IBackgroundJobs? jobs = null, MetricRecorder? recorder = null)
    {
        var leads = new LeadUpserter(db, new TenantDirectory(db), _clock);
        IWebhookEventHandler[] handlers = [new ContactEventHandler(db, leads, _clock), new MessageEventHandler(db, leads, _clock)];
        return new WebhookEventProcessor(db, new WebhookUnitOfWork(db, new Infrastructure.Webhooks.Rows.ProcessingRowWriters(Microsoft.Extensions.Options.Options.Create(new WebhookOptions { RowMode = false }))), handlers, Substitute.For<IWebhookInbox>(), jobs ?? Substitute.For<IBackgroundJobs>(),
            new WebhookMetrics(recorder?.Meters ?? TestMeters.Factory()), _clock, NullLogger<WebhookEventProcessor>.Instance);
    }

    [Test]
    public async Task The_processor_turns_events_into_a_lead_and_a_linked_message_once()
    {
        await AddUser();
        var message = await Store("""{"type":"OutboundMessage","locationId":"loc-1","contactId":"c9","messageType":"SMS","body":"hi"}""", "d-msg");
        var contact = await Store("""{"type":"ContactCreate","locationId":"loc-1","id":"c9","firstName":"Ada","country":"US","state":"TX"}""", "d-contact");

        using var recorder = new MetricRecorder();
        await Processor(NewContext(), recorder: recorder).ProcessBatchAsync([message, contact], CancellationToken.None);
        await Processor(NewContext(), recorder: recorder).ProcessBatchAsync([message, contact], CancellationToken.None); // nothing due any more
        recorder.Of("integrationhub.webhooks.processed").Should().HaveCount(2, "each event's outcome is counted once");
        recorder.Sum("integrationhub.webhooks.processed", ("outcome", "processed"), ("type", "ContactCreate")).Should().Be(1);
        recorder.Sum("integrationhub.webhooks.processed", ("outcome", "processed"), ("type", "OutboundMessage")).Should().Be(1);

        await using var read = NewContext();
        var lead = await read.Leads.SingleAsync();
        lead.Timezone.Should().Be("America/Chicago", "Texas");
        var logged = await read.LeadMessages.SingleAsync();
        logged.LeadId.Should().Be(lead.Id, "the message that came first is linked once its lead exists");
        (await read.WebhookEvents.Select(e => e.Status).ToListAsync()).Should().AllBeEquivalentTo(WebhookEventStatus.Processed);
        (await read.WebhookEvents.Include(e => e.Attempts).SelectMany(e => e.Attempts).CountAsync()).Should().Be(2, "each event was processed once");
    }

    [Test]
    public async Task The_processor_makes_unusable_content_a_dead_letter_and_schedules_retries_for_failures()
    {
        var unusable = await Store("""{"type":"ContactCreate","locationId":"loc-1","firstName":"No id"}""", "d-unusable");
        var noUser = await Store("""{"type":"ContactCreate","locationId":"loc-1","id":"c1"}""", "d-no-user");
        var jobs = Substitute.For<IBackgroundJobs>();
        using var recorder = new MetricRecorder();

        await Processor(NewContext(), jobs, recorder).ProcessBatchAsync([unusable, noUser], CancellationToken.None);

        // The batch failed and was redone event by event: only what was committed is counted, once.
        recorder.Of("integrationhub.webhooks.processed").Should().HaveCount(2);
        recorder.Sum("integrationhub.webhooks.processed", ("outcome", "dead_letter"), ("type", "ContactCreate")).Should().Be(1);
        recorder.Sum("integrationhub.webhooks.processed", ("outcome", "retry_scheduled"), ("type", "ContactCreate")).Should().Be(1);

        await using var read = NewContext();
        var dead = await read.WebhookEvents.SingleAsync(e => e.Id == unusable);
        dead.Status.Should().Be(WebhookEventStatus.Failed);
        dead.LastError.Should().Contain("(id)");
        var retrying = await read.WebhookEvents.SingleAsync(e => e.Id == noUser);
        retrying.Status.Should().Be(WebhookEventStatus.RetryScheduled);
        jobs.Received(1).ScheduleWebhookRetry(noUser, Arg.Any<TimeSpan>());
    }

    [Test]
    public async Task The_receive_handler_verifies_stores_and_hands_off_and_refuses_forgeries()
    {
        const string secret = "whsec_handler-level-secret";
        var protector = Substitute.For<ISecretProtector>();
        protector.Unprotect("enc:secret", Arg.Any<SecretContext>()).Returns(secret);
        var routes = Substitute.For<IWebhookRoutes>();
        routes.FindAsync("loc-1", Arg.Any<CancellationToken>()).Returns(new WebhookRoute(7, _subAccountId, "scope", "enc:secret", null, null));
        var inbox = Substitute.For<IWebhookInbox>();
        inbox.AddAsync(Arg.Any<WebhookEvent>(), Arg.Any<CancellationToken>()).Returns((41, false));
        var dispatcher = Substitute.For<IWebhookDispatcher>();
        var signatures = new WebhookSignatures(Microsoft.Extensions.Options.Options.Create(new WebhookOptions()));
        var handler = new ReceiveWebhookHandler(routes, signatures, protector, inbox, dispatcher, _clock);

        var body = Encoding.UTF8.GetBytes("""{"type":"ContactCreate","locationId":"loc-1","id":"c1","webhookId":"w-1"}""");
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        var receipt = await handler.Handle(new ReceiveWebhookCommand(body, name => name == "x-webhook-signature" ? signature : null), CancellationToken.None);

        receipt.Should().Be(new WebhookReceipt(false, 41, "hmac-sha256"));
        await inbox.Received(1).AddAsync(Arg.Is<WebhookEvent>(e => e.DeliveryId == "ghl:w-1" && e.IntegrationId == 7 && e.Status == WebhookEventStatus.Received),
            Arg.Any<CancellationToken>());
        dispatcher.Received(1).Dispatch(41);

        var forged = () => handler.Handle(new ReceiveWebhookCommand(body, name => name == "x-webhook-signature" ? new string('0', 64) : null),
            CancellationToken.None).AsTask();
        await forged.Should().ThrowAsync<WebhookSignatureInvalidException>().Where(e => e.LocationId == "loc-1");
        var malformed = () => handler.Handle(new ReceiveWebhookCommand(Encoding.UTF8.GetBytes("[1]"), _ => null), CancellationToken.None).AsTask();
        await malformed.Should().ThrowAsync<WebhookFormatException>();
        await inbox.Received(1).AddAsync(Arg.Any<WebhookEvent>(), Arg.Any<CancellationToken>());
    }
}
