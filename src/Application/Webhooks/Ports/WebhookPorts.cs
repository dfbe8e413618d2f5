using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

// What the webhook intake needs from the outside: signature checks, durable storage, and a hand-off to processing.

/// <summary>Signature schemes: GoHighLevel's own keys, or HMAC / static token with the integration's secret.</summary>
public interface IWebhookSignatures
{
    TimeSpan TimestampTolerance { get; }

    WebhookSignatureResult Verify(ReadOnlySpan<byte> body, Func<string, string?> header, IReadOnlyList<string> integrationSecrets);
}

/// <param name="Scheme">Which scheme proved the delivery (for the record), or which one it claimed when it did not.</param>
/// <param name="SignedTimestamp">A timestamp covered by the signature (Standard Webhooks), if any.</param>
public sealed record WebhookSignatureResult(bool Valid, string Scheme, string? Failure, DateTimeOffset? SignedTimestamp)
{
    public const string UnsignedScheme = "none";

    /// <summary>Claimed by a delivery signed with GoHighLevel's own keys (X-GHL-Signature, x-wh-signature) that did not verify.</summary>
    public const string GoHighLevelScheme = "ghl";

    public static WebhookSignatureResult Invalid(string scheme, string failure) => new(false, scheme, failure, null);

    public static WebhookSignatureResult Unsigned() => new(false, UnsignedScheme, "The request is not signed.", null);
}

/// <summary>Durable storage of accepted deliveries; answers once the event is committed.</summary>
public interface IWebhookInbox
{
    /// <summary>Stores the event, or finds the delivery already stored (a duplicate).</summary>
    Task<(int Id, bool Duplicate)> AddAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken);

    /// <summary>Deliveries waiting for their commit right now: senders are waiting, so processing keeps its commits short.</summary>
    int Waiting { get; }
}

/// <summary>The inbox cannot take the event now (full, or the database refused): the sender should retry.</summary>
public sealed class WebhookInboxUnavailableException(string message) : Exception(message);

/// <summary>Hands a stored event to in-process processing right after commit.</summary>
public interface IWebhookDispatcher
{
    void Dispatch(int eventId);
}
