using System.Net;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Webhooks;

/// <summary>
/// A replay larger than one batch of <see cref="ReplayMatchingWebhookEventsHandler.BatchSize"/>: marked and handed over a
/// batch at a time, every event processed again exactly once. An app of its own, for the load it makes.
/// </summary>
[TestFixture]
public sealed class ReplayMatchingWebhookEventsBatchTests : WebhookFixture
{
    private const string Replay = "/api/admin/webhook-events/replay";

    [Test]
    public async Task More_events_than_a_batch_are_each_replayed_exactly_once()
    {
        var hook = await Hook();
        var count = ReplayMatchingWebhookEventsHandler.BatchSize + 101;
        var ids = new List<int>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(25))
        {
            ids.AddRange(await Task.WhenAll(chunk.Select(i => Delivered(hook, WebhookSender.ContactCreate(hook.LocationId, $"c-many-{i}")))));
        }

        await Poll.Eventually(async () => await ProcessedAt(hook.LocationId, attempts: 1) == count ? "all" : null, "every event to be processed");
        (await (await Admin.PostJson(Replay, new { status = "processed", locationId = hook.LocationId })).Json(HttpStatusCode.Accepted))
            ["count"]!.GetValue<int>().Should().Be(count);

        // Every event once more, none twice (a batch marked before the next is read must not be read again).
        await Poll.Eventually(async () => await ProcessedAt(hook.LocationId, attempts: 2) == count ? "all" : null, "every event to be processed again",
            seconds: 90);
        (await ProcessedAt(hook.LocationId, attempts: 3)).Should().Be(0);
        (await Admin.GetJson($"/api/leads?subAccountId={hook.Tenant.SubAccountId}&pageSize=1"))["total"]!.GetValue<int>().Should().Be(count);
        ids.Should().OnlyHaveUniqueItems();
    }

    private async Task<int> Delivered(Hooked hook, string body) =>
        (await Send(WebhookSender.Hmac(body, hook.Secret), HttpStatusCode.Accepted))["eventId"]!.GetValue<int>();

    /// <summary>How many of the location's events are processed with exactly this many attempts (read from the database: the list stops at 500).</summary>
    private async Task<int> ProcessedAt(string locationId, int attempts)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.WebhookEvents.CountAsync(e => e.LocationId == locationId && e.Status == WebhookEventStatus.Processed && e.AttemptCount == attempts);
    }
}
