namespace IntegrationHub.Application.Webhooks;

/// <summary>
/// Whether an integration's stored config opts in to unsigned webhooks (an explicit, logged choice). The connector
/// that defines the config's shape answers, so the routes need not know it.
/// </summary>
public interface IUnsignedWebhookOptIn
{
    bool AllowsUnsigned(string configJson);
}
