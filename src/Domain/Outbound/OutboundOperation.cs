using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Outbound;

/// <summary>
/// One effect on another system (a GoHighLevel call, an alert webhook), written in the same transaction as the change
/// that causes it and delivered afterwards by the dispatcher. Its status says where it is; its attempts say what
/// happened each time it was tried.
/// </summary>
public sealed class OutboundOperation : Entity
{
    public const int MaxErrorLength = 2000;
    public const int MaxTraceIdLength = 100;
    public const int MaxRequestLength = 16_000;

    private readonly List<OutboundAttempt> _attempts = [];

    private OutboundOperation() { }

    public OutboundKind Kind { get; private set; }
    public OutboundStatus Status { get; private set; }

    /// <summary>The integration whose connection it goes through (or, for an alert, the integration it is about).</summary>
    public int? IntegrationId { get; private set; }

    /// <summary>The lead it is about; operations of one lead run one at a time, in the order they were made.</summary>
    public int? LeadId { get; private set; }

    /// <summary>The booking it mirrors (<c>booking.*</c> kinds); it is also about the booking's lead, and runs in that lead's order.</summary>
    public int? BookingId { get; private set; }

    public int AttemptCount { get; private set; }
    public DateTime? NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public string? LastTraceId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }

    /// <summary>The request as last sent (method, path, body), for an admin to read: never a secret or a signature.</summary>
    public string? RequestJson { get; private set; }

    public IReadOnlyList<OutboundAttempt> Attempts => _attempts;

    public bool IsFinished => Status is OutboundStatus.Succeeded or OutboundStatus.Cancelled;

    /// <summary>
    /// A new operation: <see cref="OutboundStatus.Pending"/> when its connection is usable now, otherwise
    /// <see cref="OutboundStatus.Waiting"/> until it is.
    /// </summary>
    public static OutboundOperation Create(OutboundKind kind, int? integrationId, int? leadId, bool canRunNow, DateTime now) => new()
    {
        Kind = kind,
        IntegrationId = integrationId,
        LeadId = leadId,
        Status = canRunNow ? OutboundStatus.Pending : OutboundStatus.Waiting,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    /// <summary>The dispatcher took it (its lease is the database's business).</summary>
    public void Start()
    {
        if (Status is not (OutboundStatus.Pending or OutboundStatus.Running))
        {
            throw new DomainRuleException($"A {Status.ToApiName()} operation cannot start.");
        }

        Status = OutboundStatus.Running;
    }

    public void RecordRequest(string requestJson) => RequestJson = Guard.Truncate(requestJson, MaxRequestLength);

    public void Succeed(DateTime now, OutboundCall call)
    {
        Record(now, call, error: null);
        Status = OutboundStatus.Succeeded;
        NextAttemptAt = null;
        LastError = null;
        CompletedAt = now;
    }

    /// <summary>A transient failure: runs again at <paramref name="retryAt"/>.</summary>
    public void RetryLater(DateTime now, DateTime retryAt, OutboundCall call, string error)
    {
        Record(now, call, error);
        Status = OutboundStatus.Pending;
        NextAttemptAt = retryAt;
    }

    /// <summary>A permanent failure: never tried again unless an admin asks.</summary>
    public void Fail(DateTime now, OutboundCall call, string error)
    {
        Record(now, call, error);
        Status = OutboundStatus.Failed;
        NextAttemptAt = null;
        CompletedAt = now;
    }

    /// <summary>The two sides disagree and a person decides: it ends here until resolved or retried.</summary>
    public void EndInConflict(DateTime now, OutboundCall call, string reason)
    {
        Record(now, call, reason);
        Status = OutboundStatus.Conflict;
        NextAttemptAt = null;
        CompletedAt = now;
    }

    /// <summary>Its connection is not usable (the integration is not active): it waits, and runs once it is again.</summary>
    public void Wait(DateTime now, OutboundCall? call, string reason)
    {
        if (call is not null)
        {
            Record(now, call, reason);
        }
        else
        {
            LastError = Guard.Truncate(reason, MaxErrorLength);
        }

        Status = OutboundStatus.Waiting;
        NextAttemptAt = now;
    }

    /// <summary>Its integration is active again.</summary>
    public void Resume(DateTime now)
    {
        if (Status == OutboundStatus.Waiting)
        {
            Status = OutboundStatus.Pending;
            NextAttemptAt = now;
        }
    }

    /// <summary>An admin asks for a failed (or conflicting) operation to run again.</summary>
    public void Retry(DateTime now)
    {
        if (Status is not (OutboundStatus.Failed or OutboundStatus.Conflict))
        {
            throw new DomainRuleException($"Only a failed or conflict operation can be retried; this one is {Status.ToApiName()}.");
        }

        Status = OutboundStatus.Pending;
        NextAttemptAt = now;
        CompletedAt = null;
    }

    /// <summary>An admin (or an erasure) cancels an operation that has not run to its end.</summary>
    public void Cancel(DateTime now, string reason)
    {
        if (!CanCancel)
        {
            throw new DomainRuleException($"A {Status.ToApiName()} operation cannot be cancelled.");
        }

        Status = OutboundStatus.Cancelled;
        NextAttemptAt = null;
        LastError = Guard.Truncate(reason, MaxErrorLength);
        CompletedAt = now;
    }

    /// <summary>There is nothing left to do (what it was about is gone): cancelled by the dispatcher, with the reason.</summary>
    public void Abandon(DateTime now, string reason)
    {
        Status = OutboundStatus.Cancelled;
        NextAttemptAt = null;
        LastError = Guard.Truncate(reason, MaxErrorLength);
        CompletedAt = now;
    }

    /// <summary>
    /// The person it was about was erased: cancelled if it has not run to its end, and whatever it recorded of them (the
    /// request, the other side's error texts) forgotten. Kind, times, statuses and trace ids stay, for the operator.
    /// </summary>
    public void Redact(DateTime now)
    {
        if (CanCancel)
        {
            Cancel(now, Erased);
        }

        RequestJson = null;
        LastError = LastError is null ? null : Erased;
        _attempts.ForEach(a => a.Redact());
    }

    public const string Erased = "The lead was erased.";

    public bool CanCancel => Status is OutboundStatus.Pending or OutboundStatus.Waiting or OutboundStatus.Failed or OutboundStatus.Conflict;

    private void Record(DateTime now, OutboundCall call, string? error)
    {
        AttemptCount++;
        LastTraceId = Guard.Truncate(call.TraceId, MaxTraceIdLength) ?? LastTraceId;
        if (error is not null)
        {
            LastError = Guard.Truncate(error, MaxErrorLength);
        }

        _attempts.Add(new OutboundAttempt(AttemptCount, now, call.DurationMs, call.HttpStatus, call.TraceId, error));
    }
}

/// <summary>What one try of an operation came to, as far as the other side's answer tells.</summary>
public sealed record OutboundCall(int? HttpStatus, string? TraceId, int DurationMs)
{
    public static readonly OutboundCall None = new(null, null, 0);
}

public sealed class OutboundAttempt
{
    private OutboundAttempt() { }

    public OutboundAttempt(int number, DateTime at, int durationMs, int? httpStatus, string? traceId, string? error)
    {
        Number = number;
        At = at;
        DurationMs = durationMs;
        HttpStatus = httpStatus;
        TraceId = Guard.Truncate(traceId, OutboundOperation.MaxTraceIdLength);
        Error = Guard.Truncate(error, OutboundOperation.MaxErrorLength);
    }

    public int Id { get; private set; }
    public int OutboundOperationId { get; private set; }
    public int Number { get; private set; }
    public DateTime At { get; private set; }
    public int DurationMs { get; private set; }
    public int? HttpStatus { get; private set; }
    public string? TraceId { get; private set; }
    public string? Error { get; private set; }

    internal void Redact() => Error = Error is null ? null : OutboundOperation.Erased;
}
