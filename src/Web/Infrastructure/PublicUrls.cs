using IntegrationHub.Application.Common.Interfaces;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// Absolute URLs handed to outside services: <c>IntegrationHub:Webhooks:PublicBaseUrl</c> when set (behind a
/// proxy the request's own host is usually wrong), else the current request's scheme and host (for an admin console
/// action, the address the admin's browser uses).
/// </summary>
internal sealed class PublicUrls(IConfiguration configuration, IHttpContextAccessor accessor, Auth.ConsolePrincipal console) : IPublicUrls
{
    public const string GoHighLevelCallbackPath = "/oauth/gohighlevel/callback";

    public string WebhookUrl() => Base() + "/api/webhook";

    public string GoHighLevelCallbackUrl() => Base() + GoHighLevelCallbackPath;

    private string Base()
    {
        var configured = configuration["IntegrationHub:Webhooks:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        if (console.BaseUri is { Length: > 0 } browserBase)
        {
            return browserBase.TrimEnd('/');
        }

        var request = accessor.HttpContext?.Request
            ?? throw new InvalidOperationException("IntegrationHub:Webhooks:PublicBaseUrl must be set to build URLs outside a request.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
    }
}
