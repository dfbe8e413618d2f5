using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.Webhooks;

/// <summary>A delivery as it arrived: the exact body bytes and a way to read headers.</summary>
public sealed record ReceiveWebhookCommand(ReadOnlyMemory<byte> Body, Func<string, string?> Header) : ICommand<WebhookReceipt>;

public sealed record WebhookReceipt(bool Duplicate, int EventId);

/// <summary>Refused with a 4xx; the message is safe to return.</summary>
public sealed class WebhookRejectedException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
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
    public static WebhookSignatureResult Invalid(string failure) => new(false, "none", failure, null);
}

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
    IAppDbContext db, IWebhookSignatures signatures, ISecretProtector protector, IWebhookDispatcher dispatcher, TimeProvider clock)
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

        var integration = await db.Integrations.AsNoTracking()
            .Where(i => i.ExternalAccountId == webhook.LocationId)
            .OrderBy(i => i.Status == IntegrationStatus.Disconnected).ThenBy(i => i.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var verdict = signatures.Verify(command.Body.Span, command.Header, integration is null ? [] : Secrets(integration, now.UtcDateTime));
        if (!verdict.Valid)
        {
            throw new WebhookRejectedException(401, verdict.Failure ?? "Missing or invalid signature.");
        }

        if ((verdict.SignedTimestamp ?? webhook.Timestamp) is { } sent && (now - sent).Duration() > signatures.TimestampTolerance)
        {
            throw new WebhookRejectedException(401, "The timestamp is outside the accepted window.");
        }

        var deliveryId = WebhookParser.DeliveryIdOf(webhook, command.Header("webhook-id"), command.Body.Span);
        var existing = await db.WebhookEvents.Where(e => e.DeliveryId == deliveryId).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } duplicateId)
        {
            return new WebhookReceipt(true, duplicateId);
        }

        var stored = WebhookEvent.Receive(deliveryId, webhook.Source, webhook.Type, webhook.LocationId, integration?.Id,
            integration?.SubAccountId, verdict.Scheme, System.Text.Encoding.UTF8.GetString(command.Body.Span), now.UtcDateTime);
        db.WebhookEvents.Add(stored);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same delivery arriving twice at once: the other one won, so this is a duplicate.
            // Anything else (database busy or down) goes up to become a 429.
            if (await IdOf(deliveryId) is { } raced)
            {
                return new WebhookReceipt(true, raced);
            }

            throw;
        }

        if (stored.Status == WebhookEventStatus.Received)
        {
            dispatcher.Dispatch(stored.Id);
        }

        return new WebhookReceipt(false, stored.Id);

        async Task<int?> IdOf(string id)
        {
            db.WebhookEvents.Entry(stored).State = EntityState.Detached;
            return await db.WebhookEvents.Where(e => e.DeliveryId == id).Select(e => (int?)e.Id).FirstOrDefaultAsync(CancellationToken.None);
        }
    }

    /// <summary>The current webhook secret and, during a rotation's grace period, the previous one.</summary>
    private List<string> Secrets(Integration integration, DateTime now)
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

internal static class JsonNodeText
{
    public static string? Text(this JsonObject obj, string name) => WebhookParser.OptionalString(obj, name);
}
