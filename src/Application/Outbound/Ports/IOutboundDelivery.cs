using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.Outbound;

/// <summary>Carries out operations of some kinds: one try, told back as an <see cref="OutboundResult"/>.</summary>
public interface IOutboundDelivery
{
    bool Handles(OutboundKind kind);

    /// <summary>
    /// One try. The operation is tracked by <see cref="IAppDbContext"/>: the delivery may change what it is about (link a
    /// lead to its contact) and record the request it sends; the dispatcher saves it with the outcome.
    /// </summary>
    Task<OutboundResult> DeliverAsync(OutboundOperation operation, CancellationToken cancellationToken);
}

public enum OutboundOutcome
{
    Succeeded,
    /// <summary>Timeouts, network errors, 429, 5xx: tried again with backoff (or at the time the other side named).</summary>
    Transient,
    /// <summary>400, 404, 422 and the like: failed at once, left for an admin.</summary>
    Permanent,
    /// <summary>The connection's credentials were refused: the integration goes to error and the operation waits.</summary>
    Unauthorized,
    /// <summary>The connection is not usable now (the integration is not active): the operation waits.</summary>
    Waiting,
    /// <summary>Nothing left to do (its lead or alert is gone): cancelled, with the reason.</summary>
    Obsolete,
    /// <summary>The hub and the other side disagree and nobody decides by rule (manual policy): left for a person.</summary>
    Conflict,
}

/// <summary>One try's outcome, with what the other side said (HTTP status, trace id) and when to come back.</summary>
public sealed record OutboundResult(OutboundOutcome Outcome, OutboundCall Call, string? Error = null, DateTimeOffset? RetryAt = null)
{
    public static OutboundResult Success(OutboundCall call) => new(OutboundOutcome.Succeeded, call);

    public static OutboundResult Obsolete(string reason) => new(OutboundOutcome.Obsolete, OutboundCall.None, reason);

    public static OutboundResult Wait(string reason) => new(OutboundOutcome.Waiting, OutboundCall.None, reason);
}
