using IntegrationHub.Application.Outbound;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>
/// What goes with a save, kept out of the context. Before the writes, the outbound planners turn the raised domain
/// events into outbound operations that commit with them (the transactional outbox). After a successful save, the
/// events are published to the other modules, cached webhook routes of integrations whose location changed are
/// dropped, and the outbound dispatcher is nudged. A changed aggregate's row version moves on (<see cref="RowVersions"/>).
/// One per context (scoped).
/// </summary>
public sealed class DomainEventsInterceptor(
    IPublisher publisher, IWebhookRoutes routes, Webhooks.RouteChangeFeed routeChanges, IServiceProvider services,
    Outbound.IOutboundSignal outboundSignal)
    : SaveChangesInterceptor
{
    // Events already planned in this context: a save that failed and is made again must not stage their operations twice.
    private readonly HashSet<IDomainEvent> _planned = new(ReferenceEqualityComparer.Instance);
    private List<AggregateRoot> _raised = [];
    private List<string> _changedLocations = [];
    private bool? _autoDetect;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        // One scan of the tracked entities, then none: with a batch of webhook events tracked, the scans EF would do
        // for each Entries() call and again inside the save were the most expensive part of processing.
        var tracker = eventData.Context!.ChangeTracker;
        tracker.DetectChanges();
        _autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        _raised = [];
        foreach (var entry in tracker.Entries<AggregateRoot>())
        {
            RowVersions.Bump(entry);
            if (entry.Entity.DomainEvents.Count > 0)
            {
                _raised.Add(entry.Entity);
            }
        }

        _changedLocations = tracker.Entries<Integration>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted || (e.State == EntityState.Modified && ChangesRoute(e)))
            .SelectMany(e => new[] { e.Property(i => i.ExternalAccountId).OriginalValue, e.Entity.ExternalAccountId })
            .OfType<string>().Distinct().ToList();
        return PlanOutboundAsync(result, cancellationToken);
    }

    private async ValueTask<InterceptionResult<int>> PlanOutboundAsync(InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        var events = _raised.SelectMany(a => a.DomainEvents).Where(_planned.Add).ToList();
        if (events.Count > 0)
        {
            // Resolved here, not injected: the planners read through this same context, which holds this interceptor.
            var outbox = services.GetRequiredService<Outbound.OutboxWriter>();
            foreach (var planner in services.GetServices<IOutboundPlanner>())
            {
                await planner.PlanAsync(events, outbox, cancellationToken);
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        RestoreAutoDetect(eventData.Context);
        var changedLocations = _changedLocations;
        changedLocations.ForEach(routes.Forget);
        var raised = _raised;
        _raised = [];
        _changedLocations = [];
        if (eventData.Context is { } context)
        {
            await routeChanges.PublishAsync(context, changedLocations, cancellationToken);
        }

        var outbox = services.GetRequiredService<Outbound.OutboxWriter>();
        if (outbox.Staged)
        {
            outbox.Reset();
            outboundSignal.Nudge();
        }

        foreach (var aggregate in raised)
        {
            var events = aggregate.DomainEvents.ToList();
            aggregate.ClearDomainEvents();
            events.ForEach(e => _planned.Remove(e));
            foreach (var domainEvent in events)
            {
                await publisher.Publish(domainEvent, cancellationToken);
            }
        }

        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>EF reports a save refused by a row version here, not in <see cref="SaveChangesFailedAsync"/>.</summary>
    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Forget(DbContext? context)
    {
        RestoreAutoDetect(context);
        _raised = [];
        _changedLocations = [];
    }

    /// <summary>Whether a save touched what a webhook route is made of (not a health check's timestamps, say).</summary>
    private static bool ChangesRoute(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Integration> entry) =>
        RouteProperties.Any(name => entry.Property(name).IsModified);

    private static readonly string[] RouteProperties =
    [
        nameof(Integration.ExternalAccountId), nameof(Integration.SubAccountId), nameof(Integration.SecretScope),
        nameof(Integration.WebhookSecret), nameof(Integration.PreviousWebhookSecret), nameof(Integration.PreviousWebhookSecretExpiresAt),
        nameof(Integration.ConfigJson),
    ];

    private void RestoreAutoDetect(DbContext? context)
    {
        if (context is not null && _autoDetect is { } autoDetect)
        {
            context.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        _autoDetect = null;
    }
}
