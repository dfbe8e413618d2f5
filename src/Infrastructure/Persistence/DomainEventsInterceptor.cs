using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>
/// What follows a successful save, kept out of the context: the domain events the saved aggregates raised are
/// published to the other modules, and cached webhook routes of integrations whose location changed are dropped.
/// One per context (scoped).
/// </summary>
public sealed class DomainEventsInterceptor(IPublisher publisher, IWebhookRoutes routes) : SaveChangesInterceptor
{
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
        _raised = tracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0).ToList();
        _changedLocations = tracker.Entries<Integration>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .SelectMany(e => new[] { e.Property(i => i.ExternalAccountId).OriginalValue, e.Entity.ExternalAccountId })
            .OfType<string>().Distinct().ToList();
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        RestoreAutoDetect(eventData.Context);
        _changedLocations.ForEach(routes.Forget);
        var raised = _raised;
        _raised = [];
        _changedLocations = [];
        foreach (var aggregate in raised)
        {
            var events = aggregate.DomainEvents.ToList();
            aggregate.ClearDomainEvents();
            foreach (var domainEvent in events)
            {
                await publisher.Publish(domainEvent, cancellationToken);
            }
        }

        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        RestoreAutoDetect(eventData.Context);
        _raised = [];
        _changedLocations = [];
        return Task.CompletedTask;
    }

    private void RestoreAutoDetect(DbContext? context)
    {
        if (context is not null && _autoDetect is { } autoDetect)
        {
            context.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        _autoDetect = null;
    }
}
