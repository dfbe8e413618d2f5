using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Infrastructure.Webhooks;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

/// <summary>
/// Puts stored events where a test needs them and no route can: received days ago, or a dead letter whose six retries
/// (hours apart) are over. Everything else about them is real: delivered signed, processed (or failed) by the app.
/// </summary>
public static class InboxArrangement
{
    public static async Task ArrangeEvent(this HubApp app, int eventId, WebhookEventStatus? status = null, DateTime? receivedAt = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = db.WebhookEvents.Where(e => e.Id == eventId);
        await app.Settled(eventId);
        if (status is { } newStatus)
        {
            (await events.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, newStatus).SetProperty(e => e.NextAttemptAt, (DateTime?)null)))
                .Should().Be(1);
        }

        if (receivedAt is { } at)
        {
            (await events.ExecuteUpdateAsync(s => s.SetProperty(e => e.ReceivedAt, at))).Should().Be(1);
        }
    }

    /// <summary>
    /// On PostgreSQL a processed batch's claim is released by a statement of its own after the save: once it is, the row
    /// stays as it is (an arrangement or a snapshot taken next is not changed under the test by the release).
    /// </summary>
    public static async Task Settled(this HubApp app, int eventId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await Poll.Eventually(async () =>
                await db.WebhookEvents.AnyAsync(e => e.Id == eventId && EF.Property<DateTime?>(e, WebhookEventLeases.LeasedUntil) != null) ? null : "released",
            $"event {eventId}'s claim to be released");
    }

    /// <summary>How many processing attempts the event has on record (each replay that ran adds one).</summary>
    public static async Task<int> Attempts(this HttpClient admin, int eventId) =>
        (await admin.GetJson($"/api/admin/webhook-events/{eventId}"))["event"]!["attemptCount"]!.GetValue<int>();
}
