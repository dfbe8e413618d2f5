using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Infrastructure.Outbound;

/// <summary>
/// One try of one claimed operation, and what it means (contract: "Two-way sync"): success; a transient failure
/// retried with backoff and jitter (or when the other side said), failed after <see cref="OutboundRetryPolicy.MaxAttempts"/>;
/// a permanent failure failed at once and logged at warning; refused credentials or an inactive integration: waiting.
/// The outcome, the lease's end and whatever the delivery changed (a lead linked to its contact) are one save.
/// </summary>
public sealed class OutboundOutcomes(
    AppDbContext db, IEnumerable<IOutboundDelivery> deliveries, OutboundMetrics metrics, Microsoft.Extensions.Options.IOptions<OutboundOptions> options,
    TimeProvider clock, ILogger<OutboundOutcomes> logger)
{
    public async Task DeliverAsync(int operationId, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // Cut off well inside the lease, and then a transient failure.
        var tryTimeout = options.Value.TryTimeout;
        timeout.CancelAfter(tryTimeout);
        var cancellationToken = timeout.Token;
        var operation = await db.Set<OutboundOperation>().SingleOrDefaultAsync(o => o.Id == operationId, cancellationToken);
        if (operation is null || operation.Status != OutboundStatus.Running)
        {
            return; // Cancelled by an admin between the claim and now.
        }

        var delivery = deliveries.FirstOrDefault(d => d.Handles(operation.Kind));
        OutboundResult result;
        try
        {
            result = delivery is null
                ? new OutboundResult(OutboundOutcome.Permanent, OutboundCall.None, $"This hub cannot deliver {operation.Kind.ToApiName()} operations.")
                : await delivery.DeliverAsync(operation, cancellationToken);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            result = new OutboundResult(OutboundOutcome.Transient, OutboundCall.None, $"The try took longer than {tryTimeout.TotalSeconds:0} s and was cut off.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Outbound operation {OperationId} ({Kind}) failed unexpectedly; it is retried", operation.Id, operation.Kind.ToApiName());
            result = new OutboundResult(OutboundOutcome.Transient, OutboundCall.None, "The hub failed unexpectedly while delivering it.");
        }

        if (result.Outcome == OutboundOutcome.Unauthorized && await LastTryWasRefusedAsync(operation, cancellationToken))
        {
            // Refused, the integration's check then passed, and refused again: the token works but not for this (a
            // missing scope, say). Waiting again would go round for ever; the contract makes a second 401 permanent.
            result = result with { Outcome = OutboundOutcome.Permanent };
        }

        Apply(operation, result);
        try
        {
            await SaveOutcomeAsync(operation);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The lead changed while this try held it (a hub edit, a GoHighLevel event): what the try would have written
            // about it is based on an outdated read. Drop it and try again shortly: the next try reads both sides afresh
            // (what this try sent now reads as agreed, not as a conflict).
            db.ChangeTracker.Clear();
            operation = await db.Set<OutboundOperation>().SingleAsync(o => o.Id == operationId, CancellationToken.None);
            Apply(operation, new OutboundResult(OutboundOutcome.Transient, result.Call,
                "The lead changed while this try ran; it runs again with the new values.", clock.GetUtcNow().AddSeconds(1)));
            await SaveOutcomeAsync(operation);
        }

        metrics.Completed(operation.Kind, operation.Status);
    }

    /// <summary>The outcome, the lease's end and the delivery's own changes in one save.</summary>
    private async Task SaveOutcomeAsync(OutboundOperation operation)
    {
        var entry = db.Entry(operation);
        entry.Property<DateTime?>(OutboundLeases.LeasedUntil).CurrentValue = null;
        entry.Property<Guid?>(OutboundLeases.LeaseToken).CurrentValue = null;
        // The outcome is saved even if stopping began meanwhile: the call was made, and forgetting that would repeat it.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<bool> LastTryWasRefusedAsync(OutboundOperation operation, CancellationToken cancellationToken) =>
        await db.Set<OutboundAttempt>().Where(a => a.OutboundOperationId == operation.Id)
            .OrderByDescending(a => a.Number).Select(a => a.HttpStatus).FirstOrDefaultAsync(cancellationToken) is 401 or 403;

    private void Apply(OutboundOperation operation, OutboundResult result)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var error = result.Error ?? "no reason given";
        switch (result.Outcome)
        {
            case OutboundOutcome.Succeeded:
                operation.Succeed(now, result.Call);
                break;
            case OutboundOutcome.Transient when operation.AttemptCount + 1 >= OutboundRetryPolicy.MaxAttempts:
                operation.Fail(now, result.Call, $"Gave up after {operation.AttemptCount + 1} tries: {error}");
                LogFailed(operation);
                break;
            case OutboundOutcome.Transient:
                operation.RetryLater(now, OutboundRetryPolicy.NextAttempt(now, operation.AttemptCount + 1, result.RetryAt?.UtcDateTime, Random.Shared.NextDouble()),
                    result.Call, error);
                logger.LogInformation("Outbound operation {OperationId} ({Kind}) will be tried again at {NextAttemptAt:o}: {Error}",
                    operation.Id, operation.Kind.ToApiName(), operation.NextAttemptAt, error);
                break;
            case OutboundOutcome.Permanent:
                operation.Fail(now, result.Call, error);
                LogFailed(operation);
                break;
            case OutboundOutcome.Unauthorized:
                operation.Wait(now, result.Call, error);
                logger.LogWarning("Outbound operation {OperationId} ({Kind}) waits: {Error}", operation.Id, operation.Kind.ToApiName(), error);
                break;
            case OutboundOutcome.Waiting:
                operation.Wait(now, null, error);
                break;
            case OutboundOutcome.Obsolete:
                operation.Abandon(now, error);
                break;
            case OutboundOutcome.Conflict:
                operation.EndInConflict(now, result.Call, error);
                logger.LogWarning("Outbound operation {OperationId} ({Kind}) ended in conflict: {Error}", operation.Id, operation.Kind.ToApiName(), error);
                break;
        }
    }

    private void LogFailed(OutboundOperation operation) =>
        logger.LogWarning("Outbound operation {OperationId} ({Kind}) failed: {Error} (traceId {TraceId})",
            operation.Id, operation.Kind.ToApiName(), operation.LastError, operation.LastTraceId ?? "none");
}
