using FluentValidation;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

/// <summary>
/// An admin's purge of dead letters or unhandled events received before an instant (the retention job,
/// <see cref="PurgeWebhookEventsCommand"/>, purges processed and unhandled ones by age on its own).
/// </summary>
public sealed record PurgeStaleWebhookEventsCommand(string? Status, DateTimeOffset? Before) : ICommand<PurgedWebhookEvents>
{
    /// <summary>What an admin may purge: events that will not be processed unless replayed. Pending ones never.</summary>
    public static IReadOnlyList<string> PurgeableStatuses { get; } =
        [WebhookEventStatus.Failed.ToApiName(), WebhookEventStatus.Unhandled.ToApiName()];
}

public sealed record PurgedWebhookEvents(int Deleted);

public sealed class PurgeStaleWebhookEventsCommandValidator : AbstractValidator<PurgeStaleWebhookEventsCommand>
{
    public PurgeStaleWebhookEventsCommandValidator()
    {
        var allowed = string.Join(" or ", PurgeStaleWebhookEventsCommand.PurgeableStatuses);
        RuleFor(x => x.Status).NotNull().WithMessage($"status is required: {allowed}.")
            .Must(s => s is null || PurgeStaleWebhookEventsCommand.PurgeableStatuses.Contains(s, StringComparer.OrdinalIgnoreCase))
            .WithMessage($"status must be {allowed}: only events that will not be processed again can be purged.");
        RuleFor(x => x.Before).NotNull().WithMessage("before is required: an ISO 8601 instant; events received before it are purged.");
    }
}

/// <summary>Deletes the events (their attempts go with them) a batch of ids at a time, so webhooks being accepted wait little.</summary>
public sealed class PurgeStaleWebhookEventsHandler(IAppDbContext db, IBatchedDeletes deletes, Common.Auditing.IAuditTrail audit)
    : ICommandHandler<PurgeStaleWebhookEventsCommand, PurgedWebhookEvents>
{
    public async ValueTask<PurgedWebhookEvents> Handle(PurgeStaleWebhookEventsCommand command, CancellationToken cancellationToken)
    {
        WebhookEventFilters.TryParseStatus(command.Status, out var status);
        var before = command.Before!.Value.UtcDateTime;
        var deleted = await deletes.DeleteAsync(
            db.WebhookEvents.Where(e => e.Status == status && e.ReceivedAt < before).Select(e => e.Id),
            // The condition again: an event replayed between a batch's read and its delete is no longer stale.
            ids => db.WebhookEvents.Where(e => ids.Contains(e.Id) && e.Status == status && e.ReceivedAt < before), cancellationToken);
        // One audit row once the batches are done: what was purged (status and age are the fields), and how many.
        audit.Describe("WebhookEvents", $"{deleted} {command.Status} purged", null, "status", "before");
        await db.SaveChangesAsync(cancellationToken);
        return new PurgedWebhookEvents(deleted);
    }
}
