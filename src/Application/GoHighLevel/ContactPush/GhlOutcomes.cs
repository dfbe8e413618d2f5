using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>What a GoHighLevel failure means for an outbound operation (contract: "Two-way sync").</summary>
public static class GhlOutcomes
{
    public static OutboundResult From(GhlApiException ex, int durationMs)
    {
        var call = new OutboundCall(ex.StatusCode, ex.TraceId, durationMs);
        var outcome = ex.Kind switch
        {
            GhlFailureKind.Unauthorized => OutboundOutcome.Unauthorized,
            GhlFailureKind.RateLimited or GhlFailureKind.Unavailable => OutboundOutcome.Transient,
            // An answer we could not read may be a proxy's error page: worth another try.
            GhlFailureKind.InvalidResponse => OutboundOutcome.Transient,
            _ => OutboundOutcome.Permanent,
        };
        return new OutboundResult(outcome, call, ex.Message, ex.RetryAt);
    }
}
