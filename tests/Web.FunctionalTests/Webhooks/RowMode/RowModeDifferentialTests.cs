using System.Net;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Infrastructure.Webhooks;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks.RowMode;

/// <summary>
/// Row mode (prepared set-based writes) against the change tracker (EF Core's SaveChanges), the reference: one random
/// event stream, stored as the inbox stores it in two hubs that differ only in <c>IntegrationHub:Webhooks:RowMode</c>,
/// processed in the same batches, must leave the same leads, messages and event outcomes, field by field (the times the
/// hub takes from its own clock aside). Runs on SQLite and, in the PostgreSQL run, on PostgreSQL.
/// </summary>
[TestFixture]
public sealed class RowModeDifferentialTests
{
    [TestCase(20261204)]
    [TestCase(7)]
    public async Task Row_mode_and_change_tracking_turn_one_random_event_stream_into_the_same_leads_and_messages(int seed)
    {
        var stream = RandomEventStream.Generate(seed, RowModeHub.Location, contacts: 30, count: 700);

        var tracked = await OutcomeOf(rowMode: false, stream);
        var rows = await OutcomeOf(rowMode: true, stream);

        tracked.RowModeBatches.Should().Be(0);
        rows.RowModeBatches.Should().BeGreaterThan(5, "row mode must be the path the batches took");
        rows.Leads.Should().HaveCountGreaterThan(20).And.Contain(l => l.CrmDeletedAt != null).And.Contain(l => l.Version > 1);
        rows.Messages.Should().HaveCountGreaterThan(50).And.Contain(m => m.LeadContactId == null || m.LeadContactId == m.ExternalContactId);
        rows.Events.Select(e => e.Status).Distinct().Should().Contain(["Processed", "Failed", "Unhandled"]);
        rows.Leads.Should().BeEquivalentTo(tracked.Leads, o => o.WithStrictOrdering());
        rows.Messages.Should().BeEquivalentTo(tracked.Messages, o => o.WithStrictOrdering());
        rows.Events.Should().BeEquivalentTo(tracked.Events, o => o.WithStrictOrdering());
        rows.Tags.Should().BeEquivalentTo(tracked.Tags, o => o.WithStrictOrdering());
    }

    private sealed record Outcome(List<LeadRow> Leads, List<MessageRow> Messages, List<EventRow> Events, List<string> Tags, int RowModeBatches);

    private sealed record LeadRow(string? ContactId, int? UserId, int? StrategyId, string Name, string? FirstName, string? LastName, string? Email,
        string? Phone, string? Company, string? Address, string? City, string? State, string? PostalCode, string? Country, string? Timezone,
        string? Source, IReadOnlyList<string> Tags, DateTime? ExternalUpdatedAt, DateTime? CrmDeletedAt, string CustomFields, string SyncState, int Version,
        bool UpdatedAfterCreated);

    private sealed record MessageRow(string? ExternalMessageId, string? ExternalContactId, string? LeadContactId, string MessageType, string? Body,
        string? Subject, string? From, string? To, string? Direction, string? Status, string Attachments, DateTime OccurredAt, int? CallDuration);

    private sealed record EventRow(string DeliveryId, string Status, int AttemptCount, string? LastError, bool Processed, int Attempts);

    private static async Task<Outcome> OutcomeOf(bool rowMode, IReadOnlyList<StreamEvent> stream)
    {
        using var hub = await RowModeHub.Start(rowMode);
        await hub.Process(stream);
        return new Outcome(await LeadsOf(hub), await MessagesOf(hub), await EventsOf(hub),
            await hub.Read(db => db.LeadTags.OrderBy(t => t.Tag).ThenBy(t => t.LeadId).Select(t => t.Tag).ToListAsync()),
            hub.LogLinesContaining("in row mode"));
    }

    private static Task<List<LeadRow>> LeadsOf(RowModeHub hub) => hub.Read(db => db.Leads.OrderBy(l => l.ExternalContactId)
        .Select(l => new LeadRow(l.ExternalContactId, l.RegularUserId, l.StrategyId, l.Name, l.FirstName, l.LastName, l.Email, l.Phone, l.Company,
            l.Address, l.City, l.State, l.PostalCode, l.Country, l.Timezone, l.Source, l.Tags, l.ExternalUpdatedAt,
            l.CrmDeletedAt, l.CustomFieldsJson, l.SyncStateJson, EF.Property<int>(l, RowVersions.Column), l.UpdatedAt > l.CreatedAt))
        .ToListAsync());

    private static Task<List<MessageRow>> MessagesOf(RowModeHub hub) => hub.Read(db => db.LeadMessages.OrderBy(m => m.ExternalMessageId)
        .Select(m => new MessageRow(m.ExternalMessageId, m.ExternalContactId,
            db.Leads.Where(l => l.Id == m.LeadId).Select(l => l.ExternalContactId).FirstOrDefault(), m.MessageType, m.Body, m.Subject, m.From,
            m.To, m.Direction, m.Status, m.AttachmentsJson, m.OccurredAt, m.CallDurationSeconds))
        .ToListAsync());

    private static Task<List<EventRow>> EventsOf(RowModeHub hub) => hub.Read(db => db.WebhookEvents.OrderBy(e => e.DeliveryId)
        .Select(e => new EventRow(e.DeliveryId, e.Status.ToString(), e.AttemptCount, e.LastError, e.ProcessedAt != null, e.Attempts.Count()))
        .ToListAsync());
}
