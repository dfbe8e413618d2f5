using IntegrationHub.Application.Webhooks;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>A GoHighLevel config opts in with <c>"allowUnsignedWebhooks": true</c>.</summary>
public sealed class GhlUnsignedWebhookOptIn : IUnsignedWebhookOptIn
{
    public bool AllowsUnsigned(string configJson) => GhlConfig.Read(configJson).AllowUnsignedWebhooks;
}
