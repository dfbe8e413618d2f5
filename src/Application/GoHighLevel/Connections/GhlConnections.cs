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
    IAppDbContext db, IIntegrations integrations, ITemplateCatalog templates, IntegrationConfigEditor configEditor, OutboundTargets targets,
    TimeProvider clock)
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

    /// <summary>The integration's decrypted connection; refreshed OAuth tokens are written back to it.</summary>
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
            OAuth = config is { ClientId: { } clientId, ClientSecret: { } clientSecret, RefreshToken: { } refreshToken }
                ? new GhlOAuthCredentials(clientId, clientSecret, refreshToken)
                : null,
            TokensRefreshed = (tokens, ct) => StoreTokensAsync(integration, tokens, ct),
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

    private async Task StoreTokensAsync(Integration integration, GhlTokens tokens, CancellationToken cancellationToken)
    {
        await MergeConfigAsync(integration, new JsonObject
        {
            ["apiKey"] = tokens.AccessToken,
            ["refreshToken"] = tokens.RefreshToken,
            ["accessTokenExpiresAt"] = tokens.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
