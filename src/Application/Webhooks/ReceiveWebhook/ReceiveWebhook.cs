using System.Diagnostics;
using System.Runtime.CompilerServices;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

/// <summary>A delivery as it arrived: the exact body bytes and a way to read headers.</summary>
public sealed record ReceiveWebhookCommand(ReadOnlyMemory<byte> Body, Func<string, string?> Header) : ICommand<WebhookReceipt>;

/// <param name="Scheme">The signature scheme that proved the delivery.</param>
public sealed record WebhookReceipt(bool Duplicate, int EventId, string Scheme);

/// <summary>
/// The signature (or the signed timestamp) does not prove the delivery, or no integration has its location. The message
/// is the exact reason, for the log; <see cref="Answer"/> is what the sender is told.
/// </summary>
public sealed class WebhookSignatureInvalidException(string reason, string? locationId, WebhookRejection rejection, string scheme, string answer)
    : Exception(reason)
{
    /// <summary>
    /// The one answer for a wrong secret and an unknown location alike: telling them apart would let anyone probe which
    /// locations have an integration.
    /// </summary>
    public const string NotVerified = "The signature could not be verified, or no integration has this location.";

    /// <summary>What the sender is told (safe to return: it never tells whether the location exists).</summary>
    public string Answer { get; } = answer;

    /// <summary>The location the body named (for the log; never a signature or secret).</summary>
    public string? LocationId { get; } = locationId;

    /// <summary>Whether the signature or its timestamp failed (as counted).</summary>
    public WebhookRejection Rejection { get; } = rejection;

    /// <summary>The scheme the delivery claimed (which headers it carried).</summary>
    public string Scheme { get; } = scheme;
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
        // A malformed payload throws WebhookFormatException: the sender is told why, nothing is stored.
        var webhook = WebhookParser.ReadHeader(command.Body);

        // An agency-level app event (an uninstall by the agency) names no location: no integration, processed all the same.
        var integration = webhook.LocationId is { } locationId ? await routes.FindAsync(locationId, cancellationToken) : null;
        var now = clock.GetUtcNow();
        var verdict = signatures.Verify(command.Body.Span, command.Header, integration is null ? [] : Secrets(integration, now.UtcDateTime));
        if (!verdict.Valid && verdict.Scheme == WebhookSignatureResult.UnsignedScheme && integration is { AllowsUnsigned: true })
        {
            // No signature at all, and the integration's admin explicitly accepted that risk.
            verdict = new WebhookSignatureResult(true, "unsigned-allowed", null, null);
        }

        if (!verdict.Valid)
        {
            throw Refusal(verdict, webhook.LocationId, knownLocation: integration is not null);
        }

        if ((verdict.SignedTimestamp ?? webhook.Timestamp) is { } sent && (now - sent).Duration() > signatures.TimestampTolerance)
        {
            // Only a sender that signed correctly gets this far, so saying why reveals nothing to a prober.
            const string stale = "The timestamp is outside the accepted window.";
            throw new WebhookSignatureInvalidException(stale, webhook.LocationId, WebhookRejection.Timestamp, verdict.Scheme, stale);
        }

        // Duplicates are found by the inbox, in one query per batch, and guaranteed by a unique index.
        var deliveryId = WebhookParser.DeliveryIdOf(webhook, command.Header("webhook-id"), command.Body.Span);
        var stored = WebhookEvent.Receive(deliveryId, webhook.Source, webhook.Type, webhook.LocationId, integration?.IntegrationId,
            integration?.SubAccountId, verdict.Scheme, System.Text.Encoding.UTF8.GetString(command.Body.Span), now.UtcDateTime,
            Activity.Current?.Id);
        var (id, duplicate) = await inbox.AddAsync(stored, cancellationToken);
        if (!duplicate && stored.Status == WebhookEventStatus.Received)
        {
            dispatcher.Dispatch(id);
        }

        return new WebhookReceipt(duplicate, id, verdict.Scheme);
    }

    /// <summary>
    /// Why a delivery is refused, exactly (for the log and the metrics), and what its sender is told. Without an integration
    /// there is no secret to check a secret-based signature with: that is an unknown location, not a bad signature.
    /// </summary>
    private static WebhookSignatureInvalidException Refusal(WebhookSignatureResult verdict, string? locationId, bool knownLocation)
    {
        var reason = verdict.Failure ?? "Missing or invalid signature.";
        if (verdict.Scheme == WebhookSignatureResult.GoHighLevelScheme)
        {
            // GoHighLevel's signatures are checked with its public keys, the same for every location: the exact reason
            // tells a prober nothing about which locations exist.
            return new WebhookSignatureInvalidException(reason, locationId, WebhookRejection.Signature, verdict.Scheme, reason);
        }

        return knownLocation
            ? new WebhookSignatureInvalidException(reason, locationId, WebhookRejection.Signature, verdict.Scheme,
                WebhookSignatureInvalidException.NotVerified)
            : new WebhookSignatureInvalidException("No integration has this location.", locationId, WebhookRejection.UnknownLocation,
                verdict.Scheme, WebhookSignatureInvalidException.NotVerified);
    }

    /// <summary>The current webhook secret and, during a rotation's grace period, the previous one.</summary>
    private List<string> Secrets(WebhookRoute integration, DateTime now)
    {
        if (!Decrypted.TryGetValue(integration, out var decrypted))
        {
            var context = WebhookSecrets.Context(integration.SubAccountId, integration.SecretScope);
            decrypted = new DecryptedSecrets(
                integration.WebhookSecret is { } current ? protector.Unprotect(current, context) : null,
                integration.PreviousWebhookSecret is { } previous ? protector.Unprotect(previous, context) : null);
            Decrypted.AddOrUpdate(integration, decrypted);
        }

        var secrets = new List<string>(2);
        if (decrypted.Current is { } currentSecret)
        {
            secrets.Add(currentSecret);
        }

        if (decrypted.Previous is { } previousSecret && integration.PreviousWebhookSecretExpiresAt > now)
        {
            secrets.Add(previousSecret);
        }

        return secrets;
    }

    /// <summary>
    /// Decrypted secrets, kept exactly as long as the route object they belong to. Decrypting took about a tenth
    /// of a delivery's time; a route lives in the route cache for seconds and is replaced, not changed, when its
    /// secrets change, so this never answers with a secret the route no longer has.
    /// </summary>
    private static readonly ConditionalWeakTable<WebhookRoute, DecryptedSecrets> Decrypted = new();

    private sealed record DecryptedSecrets(string? Current, string? Previous);
}
