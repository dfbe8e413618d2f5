using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.GoHighLevel;

public sealed record SetupGhlWebhookCommand(int IntegrationId) : ICommand<WebhookSetupResult>;

/// <summary>
/// The only answer that ever shows the webhook secret. <paramref name="Warnings"/> says why GoHighLevel could not use
/// the URL (not https, or not a public host); empty when it can.
/// </summary>
public sealed record WebhookSetupResult(string WebhookUrl, string Secret, string Instructions, IReadOnlyList<string> Warnings);

/// <summary>
/// GoHighLevel v2 has no API to subscribe webhooks, so "setting up" means: create (or rotate) the hub-side
/// secret, record the URL, and tell the admin exactly what to paste where. The previous secret keeps working
/// for a grace period so deliveries already in flight are not rejected.
/// </summary>
public sealed class SetupGhlWebhookHandler(
    IAppDbContext db, GhlConnections connections, ISecretProtector protector, IPublicUrls urls, TimeProvider clock)
    : ICommandHandler<SetupGhlWebhookCommand, WebhookSetupResult>
{
    public static readonly TimeSpan RotationGracePeriod = TimeSpan.FromHours(24);

    public async ValueTask<WebhookSetupResult> Handle(SetupGhlWebhookCommand command, CancellationToken cancellationToken)
    {
        var (integration, kind) = await connections.LoadAsync(command.IntegrationId, cancellationToken);
        if (kind != IntegrationKind.GoHighLevel)
        {
            throw new ConflictException("Webhook setup is only available for GoHighLevel integrations.");
        }

        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var webhookUrl = urls.WebhookUrl();
        var now = clock.GetUtcNow().UtcDateTime;

        await connections.MergeConfigAsync(integration, new JsonObject { ["webhookUrl"] = webhookUrl }, cancellationToken);
        integration.RotateWebhookSecret(
            protector.Protect(secret, WebhookSecrets.Context(integration.SubAccountId, integration.SecretScope)),
            RotationGracePeriod, now);
        await db.SaveChangesAsync(cancellationToken);

        return new WebhookSetupResult(webhookUrl, secret, Instructions(webhookUrl, secret, integration.ExternalAccountId),
            WebhookUrlWarnings.For(webhookUrl));
    }

    private static string Instructions(string url, string secret, string? locationId) => $$$"""
        # Send GoHighLevel events to IntegrationHub

        The secret below is shown only now. Store it in GoHighLevel; run this setup again to rotate it (the old
        secret keeps working for {{{RotationGracePeriod.TotalHours:0}}} hours).

        ## Option A: a workflow "Webhook" action (works with a Private Integration Token)
        1. In the location {{{locationId}}}, open **Automation → Workflows → Create workflow**.
        2. Trigger: **Contact Created** (add a second workflow with **Customer Replied** / outbound message
           triggers for message events).
        3. Action: **Webhook**, method **POST**, URL `{{{url}}}`.
        4. Add the header `x-webhook-token: {{{secret}}}` (GoHighLevel workflows cannot sign requests; the hub
           compares this token in constant time).
        5. Custom data / raw body, so the hub receives GoHighLevel's native shape:
        ```json
        {
          "type": "ContactCreate",
          "locationId": "{{location.id}}",
          "id": "{{contact.id}}",
          "firstName": "{{contact.first_name}}",
          "lastName": "{{contact.last_name}}",
          "name": "{{contact.name}}",
          "email": "{{contact.email}}",
          "phone": "{{contact.phone}}",
          "address1": "{{contact.address1}}",
          "city": "{{contact.city}}",
          "state": "{{contact.state}}",
          "postalCode": "{{contact.postal_code}}",
          "country": "{{contact.country}}",
          "companyName": "{{contact.company_name}}",
          "source": "{{contact.source}}"
        }
        ```
        The default workflow payload (`contact_id`, `first_name`, ... with `location.id`) is understood too.

        ## Option B: a Marketplace app (signed events)
        1. In the app's **Advanced Settings → Webhooks**, set the URL to `{{{url}}}`.
        2. Subscribe to **ContactCreate** (scope `contacts.readonly`) and **OutboundMessage**
           (scope `conversations/message.readonly`).
        3. GoHighLevel signs these with its own key (`X-GHL-Signature`); nothing else to paste.

        ## Your own sender
        Sign the raw body with HMAC-SHA256 using this secret: hex in `x-webhook-signature`, or the
        Standard Webhooks headers `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`.
        """;
}
