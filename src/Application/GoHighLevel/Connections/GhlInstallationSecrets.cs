using IntegrationHub.Application.Common.Security;
using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// The one place agency (Company) tokens are encrypted and read. They belong to no sub-account, so the context binds
/// them to the company and the field instead: a value copied to another installation or field does not decrypt.
/// </summary>
public sealed class GhlInstallationSecrets(ISecretProtector protector)
{
    private const int NoSubAccount = 0;

    public GhlInstallGrant Grant(string companyId, GhlTokenGrant tokens, DateTime now) =>
        new(Protect(companyId, AccessField, tokens.AccessToken),
            Protect(companyId, RefreshField, tokens.RefreshToken
                ?? throw new GhlOAuthException(GhlOAuthFailure.InvalidResponse, null, "GoHighLevel answered an agency install without a refresh token.")),
            tokens.ExpiresAt(now), tokens.Scope, tokens.InstallToFutureLocations, tokens.ApprovedLocations);

    public string AccessToken(GhlInstallation installation) => protector.Unprotect(installation.AccessTokenCipher, Context(installation.CompanyId, AccessField));

    public string RefreshToken(GhlInstallation installation) => protector.Unprotect(installation.RefreshTokenCipher, Context(installation.CompanyId, RefreshField));

    /// <summary>Stores a refreshed pair (staged; the caller saves, at once: the old refresh token is already dead).</summary>
    public void Replace(GhlInstallation installation, GhlTokenGrant tokens, DateTime now) =>
        installation.ReplaceTokens(
            Protect(installation.CompanyId, AccessField, tokens.AccessToken),
            tokens.RefreshToken is { } refresh ? Protect(installation.CompanyId, RefreshField, refresh) : installation.RefreshTokenCipher,
            tokens.ExpiresAt(now), now);

    private const string AccessField = "accessToken";
    private const string RefreshField = "refreshToken";

    private string Protect(string companyId, string field, string value) => protector.Protect(value, Context(companyId, field));

    private static SecretContext Context(string companyId, string field) => new(NoSubAccount, "ghl-installation:" + companyId, field);
}
