using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>The one place that knows how a GoHighLevel integration's config becomes a live connection.</summary>
public sealed class GhlConnections(
    IIntegrations integrations, ITemplateCatalog templates, IntegrationConfigEditor configEditor, OutboundTargets targets,
    GhlTokenRenewal renewal, TimeProvider clock)
{
    public const string DefaultBaseUrl = "https://services.leadconnectorhq.com";
    public const string DefaultApiVersion = "2021-07-28";

    /// <summary>Loads a tracked integration with its template's kind, which says whether it is a GoHighLevel one.</summary>
    public async Task<(Integration Integration, IntegrationKind Kind)> LoadAsync(int integrationId, CancellationToken cancellationToken)
    {
        var integration = await integrations.FindAsync(integrationId, cancellationToken)
            ?? throw new NotFoundException("Integration", integrationId);
        return (integration, (await integrations.TemplateLabelAsync(integration, cancellationToken)).Kind);
    }

    /// <summary>The integration's decrypted connection; renewed OAuth tokens are stored (committed) before they are used.</summary>
    public GhlConnection Connect(Integration integration)
    {
        var config = GhlConfig.Read(configEditor.Decrypt(integration.ConfigJson, integration.SubAccountId, integration.SecretScope));
        var baseUrl = config.BaseUrl ?? DefaultBaseUrl;
        // Checked again here, not only when set: a URL stored before the rules (or under laxer settings) is not called.
        var refusal = targets.Refusal(baseUrl);
        if (refusal is not null || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri))
        {
            throw new GhlApiException(GhlFailureKind.Rejected, null, $"The integration's baseUrl {refusal ?? "must be an absolute https URL"}.");
        }

        return new GhlConnection
        {
            IntegrationId = integration.Id,
            LocationId = config.LocationId ?? throw new GhlApiException(GhlFailureKind.Rejected, null, "The integration has no locationId."),
            BaseUrl = baseUri,
            ApiVersion = config.ApiVersion ?? DefaultApiVersion,
            AccessToken = config.ApiKey ?? "",
            AccessTokenExpiresAt = config.AccessTokenExpiresAt,
            Renewal = RenewalOf(config),
            OAuth = config is { ClientId: { } clientId, ClientSecret: { } clientSecret, RefreshToken: { } refreshToken }
                ? new GhlOAuthCredentials(clientId, clientSecret, refreshToken)
                : null,
            RenewTokens = RenewalOf(config) == GhlRenewal.None ? null
                : (connection, staleToken, ct) => renewal.RenewAsync(this, integration, connection, staleToken, ct),
        };
    }

    /// <summary>
    /// Merges values the hub itself sets (tokens, the webhook URL) into the integration's config, through the same
    /// validation and encryption as an admin's update. Staged; the caller saves.
    /// </summary>
    public async Task MergeConfigAsync(Integration integration, JsonObject values, CancellationToken cancellationToken)
    {
        var schema = (await templates.FindAsync(integration.IntegrationTemplateId, cancellationToken)
            ?? throw new InvalidOperationException($"Integration {integration.Id} has no template.")).ConfigSchema;
        var result = configEditor.Apply(schema, integration.ConfigJson, JsonSerializer.SerializeToElement(values),
            integration.SubAccountId, integration.SecretScope);
        integration.ReplaceConfig(result.StoredJson, result.ExternalAccountId, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// <c>oauth: agency</c> (with its company) renews through the agency install, <c>oauth: location</c> with the app's own
    /// refresh token; a config holding a client id, secret and refresh token of its own renews as configured by hand.
    /// </summary>
    public static GhlRenewal RenewalOf(GhlConfig config) => config switch
    {
        { OAuth: "agency", CompanyId: not null } => GhlRenewal.AgencyInstall,
        { OAuth: "location" } => GhlRenewal.AppLocation,
        { ClientId: not null, ClientSecret: not null, RefreshToken: not null } => GhlRenewal.OwnApp,
        _ => GhlRenewal.None,
    };
}
