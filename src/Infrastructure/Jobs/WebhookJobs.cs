using System.ComponentModel;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Infrastructure.Jobs;

/// <summary>Hangfire's part in webhook processing: scheduled retries, and sweeping events a hand-off missed.</summary>
public sealed class WebhookJobs(IServiceProvider services, WebhookEventLeases leases, IServiceScopeFactory scopes, IWebhookDispatcher dispatcher)
{
    public const string SweeperJobId = "webhook-inbox-sweeper";

    [DisplayName("Webhook retry: event #{0}")]
    public Task RetryAsync(int eventId, CancellationToken cancellationToken) =>
        WebhookDispatcher.ProcessClaimedAsync(services, leases, [eventId], cancellationToken);

    /// <summary>Events due for more than a minute were missed (crash, full queue): hand them over again.</summary>
    [DisplayName("Webhook inbox sweep")]
    public Task SweepAsync(CancellationToken cancellationToken) =>
        WebhookDispatcher.SweepAsync(scopes, dispatcher, TimeSpan.FromMinutes(1), cancellationToken);
}
