namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// The GoHighLevel v2 API, with rate limiting, retries and OAuth refresh taken care of. Failures are
/// <see cref="GhlApiException"/> with a message fit for an admin (no secrets).
/// </summary>
public interface IGoHighLevelGateway
{
    /// <summary>The whole time a caller who is waiting (an admin's connection test) gives GoHighLevel, retries included.</summary>
    TimeSpan InteractiveDeadline { get; }

    Task<IReadOnlyList<GhlLocation>> SearchLocations(GhlConnection connection, string? companyId, CancellationToken cancellationToken);
    Task<GhlLocation> GetLocation(GhlConnection connection, CancellationToken cancellationToken);
    Task<IReadOnlyList<GhlCalendar>> GetCalendars(GhlConnection connection, CancellationToken cancellationToken);
    Task<GhlBlockSlot> CreateBlockSlot(GhlConnection connection, GhlBlockSlotRequest request, CancellationToken cancellationToken);
    Task<GhlContact> CreateContact(GhlConnection connection, GhlContactRequest request, CancellationToken cancellationToken);
    Task<GhlContact> UpdateContact(GhlConnection connection, string contactId, GhlContactRequest request, CancellationToken cancellationToken);
    Task<GhlContact> GetContact(GhlConnection connection, string contactId, CancellationToken cancellationToken);
    Task<GhlUpsertContactResponse> UpsertContact(GhlConnection connection, GhlContactRequest request, CancellationToken cancellationToken);
    Task<GhlSearchContactsResponse> SearchContacts(GhlConnection connection, GhlSearchContactsRequest request, CancellationToken cancellationToken);
}

public enum GhlFailureKind
{
    /// <summary>401/403: the token is wrong, expired or lacks a scope. Not retried.</summary>
    Unauthorized,
    /// <summary>404 and other 4xx: the request or the location id is wrong.</summary>
    Rejected,
    /// <summary>429 after every retry.</summary>
    RateLimited,
    /// <summary>5xx, timeouts, connection failures, or the circuit breaker is open.</summary>
    Unavailable,
    /// <summary>The answer was not the JSON we expected.</summary>
    InvalidResponse,
}

/// <summary>A call to GoHighLevel failed. The message is safe to show and store: it never holds a secret.</summary>
public sealed class GhlApiException(GhlFailureKind kind, int? statusCode, string message) : Exception(message)
{
    public GhlFailureKind Kind { get; } = kind;
    public int? StatusCode { get; } = statusCode;
}
