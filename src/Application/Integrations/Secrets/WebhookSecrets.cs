using IntegrationHub.Application.Common.Security;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// Where an integration's webhook secret is bound when encrypted (its tenant and row): the integration owns the
/// secret; GoHighLevel's setup issues it, the webhook intake checks with it, key rotation re-encrypts it.
/// </summary>
public static class WebhookSecrets
{
    public static SecretContext Context(int subAccountId, string secretScope) =>
        new(subAccountId, "integration:" + secretScope, "webhookSecret");
}
