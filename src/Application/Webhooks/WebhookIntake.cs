using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Domain.Webhooks;
using Mediator;

namespace IntegrationHub.Application.Webhooks;

/// <summary>A delivery as it arrived: the exact body bytes and a way to read headers.</summary>
public sealed record ReceiveWebhookCommand(ReadOnlyMemory<byte> Body, Func<string, string?> Header) : ICommand<WebhookReceipt>;

public sealed record WebhookReceipt(bool Duplicate, int EventId);

/// <summary>Refused with a 4xx; the message is safe to return and to log.</summary>
public sealed class WebhookRejectedException(int statusCode, string message, string? locationId = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>The location the body named, when it got that far (for the log, never the signature or secret).</summary>
    public string? LocationId { get; } = locationId;
}

/// <summary>Signature schemes: GoHighLevel's own keys, or HMAC / static token with the integration's secret.</summary>
public interface IWebhookSignatures
{
    TimeSpan TimestampTolerance { get; }

    WebhookSignatureResult Verify(ReadOnlySpan<byte> body, Func<string, string?> header, IReadOnlyList<string> integrationSecrets);
}

/// <param name="Scheme">Which scheme proved the delivery (for the record).</param>
/// <param name="SignedTimestamp">A timestamp covered by the signature (Standard Webhooks), if any.</param>
public sealed record WebhookSignatureResult(bool Valid, string Scheme, string? Failure, DateTimeOffset? SignedTimestamp)
{
    public const string UnsignedScheme = "none";

    public static WebhookSignatureResult Invalid(string failure) => new(false, "invalid", failure, null);

    public static WebhookSignatureResult Unsigned() => new(false, UnsignedScheme, "The request is not signed.", null);
}

/// <summary>Durable storage of accepted deliveries; answers once the event is committed.</summary>
public interface IWebhookInbox
{
    /// <summary>Stores the event, or finds the delivery already stored (a duplicate).</summary>
    Task<(int Id, bool Duplicate)> AddAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken);
}

/// <summary>The inbox cannot take the event now (full, or the database refused): the sender should retry.</summary>
public sealed class WebhookInboxUnavailableException(string message) : Exception(message);

/// <summary>Hands a stored event to in-process processing right after commit.</summary>
public interface IWebhookDispatcher
{
    void Dispatch(int eventId);
}

/// <summary>
/// Verifies, deduplicates and durably stores a delivery. Processing is not done here: the sender gets its
/// answer as soon as the row is committed.
/// </summary>
public sealed class ReceiveWebhookHandler(
    IWebhookRoutes routes, IWebhookSignatures signatures, ISecretProtector protector, IWebhookInbox inbox, IWebhookDispatcher dispatcher,
    TimeProvider clock)
    : ICommandHandler<ReceiveWebhookCommand, WebhookReceipt>
{
    public async ValueTask<WebhookReceipt> Handle(ReceiveWebhookCommand command, CancellationToken cancellationToken)
    {
        ParsedWebhook webhook;
        try
        {
            webhook = WebhookParser.Parse(command.Body.Span);
        }
        catch (WebhookFormatException ex)
        {
            throw new WebhookRejectedException(400, ex.Message);
        }

        var integration = await routes.FindAsync(webhook.LocationId, cancellationToken);
        var now = clock.GetUtcNow();
        var verdict = signatures.Verify(command.Body.Span, command.Header, integration is null ? [] : Secrets(integration, now.UtcDateTime));
        if (!verdict.Valid && verdict.Scheme == WebhookSignatureResult.UnsignedScheme && integration is { AllowsUnsigned: true })
        {
            // No signature at all, and the integration's admin explicitly accepted that risk.
            verdict = new WebhookSignatureResult(true, "unsigned-allowed", null, null);
        }

        if (!verdict.Valid)
        {
            throw new WebhookRejectedException(401, verdict.Failure ?? "Missing or invalid signature.", webhook.LocationId);
        }

        if ((verdict.SignedTimestamp ?? webhook.Timestamp) is { } sent && (now - sent).Duration() > signatures.TimestampTolerance)
        {
            throw new WebhookRejectedException(401, "The timestamp is outside the accepted window.", webhook.LocationId);
        }

        // Duplicates are found by the inbox, in one query per batch, and guaranteed by a unique index.
        var deliveryId = WebhookParser.DeliveryIdOf(webhook, command.Header("webhook-id"), command.Body.Span);
        var stored = WebhookEvent.Receive(deliveryId, webhook.Source, webhook.Type, webhook.LocationId, integration?.IntegrationId,
            integration?.SubAccountId, verdict.Scheme, System.Text.Encoding.UTF8.GetString(command.Body.Span), now.UtcDateTime);
        var (id, duplicate) = await inbox.AddAsync(stored, cancellationToken);
        if (!duplicate && stored.Status == WebhookEventStatus.Received)
        {
            dispatcher.Dispatch(id);
        }

        return new WebhookReceipt(duplicate, id);
    }

    /// <summary>The current webhook secret and, during a rotation's grace period, the previous one.</summary>
    private List<string> Secrets(WebhookRoute integration, DateTime now)
    {
        var context = WebhookSecrets.Context(integration.SubAccountId, integration.SecretScope);
        var secrets = new List<string>(2);
        if (integration.WebhookSecret is { } current)
        {
            secrets.Add(protector.Unprotect(current, context));
        }

        if (integration.PreviousWebhookSecret is { } previous && integration.PreviousWebhookSecretExpiresAt > now)
        {
            secrets.Add(protector.Unprotect(previous, context));
        }

        return secrets;
    }
}
