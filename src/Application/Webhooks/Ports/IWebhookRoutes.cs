namespace IntegrationHub.Application.Webhooks;

/// <summary>Which integration a GoHighLevel location's webhooks belong to, and its (encrypted) webhook secrets.</summary>
/// <param name="AllowsUnsigned">The integration's config says <c>"allowUnsignedWebhooks": true</c> (an explicit, logged opt-in).</param>
public sealed record WebhookRoute(int IntegrationId, int SubAccountId, string SecretScope, string? WebhookSecret,
    string? PreviousWebhookSecret, DateTime? PreviousWebhookSecretExpiresAt, bool AllowsUnsigned = false);

/// <summary>
/// Finds the route for a location id. Webhooks arrive far more often than integrations change, so the answer
/// is cached briefly; any saved change to an integration drops the entries it affects.
/// </summary>
public interface IWebhookRoutes
{
    Task<WebhookRoute?> FindAsync(string locationId, CancellationToken cancellationToken);

    void Forget(string locationId);
}
