namespace IntegrationHub.Application.Outbound;

/// <summary>Where alerts go besides the log (<c>IntegrationHub:Alerts:WebhookUrl</c>), if anywhere.</summary>
public interface IAlertWebhook
{
    bool IsConfigured { get; }
}
