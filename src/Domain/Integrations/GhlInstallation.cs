using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Integrations;

/// <summary>
/// An agency (Company) install of the hub's GoHighLevel Marketplace app: the agency's tokens (encrypted by the caller,
/// never readable here) and the locations it approved, each of which an admin links to a sub-account. Location tokens
/// are fetched from the agency token per location and live in that location's integration.
/// </summary>
public sealed class GhlInstallation : Entity
{
    public const int CompanyIdLength = 128;
    public const int NameLength = 200;
    public const int CipherLength = 4000;
    public const int ScopeLength = 2000;

    private readonly List<GhlInstallationLocation> _locations = [];

    private GhlInstallation() { }

    public string CompanyId { get; private set; } = "";
    public string? CompanyName { get; private set; }

    /// <summary>Encrypted agency access token (<c>enc:v1:...</c>).</summary>
    public string AccessTokenCipher { get; private set; } = "";

    /// <summary>Encrypted agency refresh token; GoHighLevel replaces it on every use.</summary>
    public string RefreshTokenCipher { get; private set; } = "";
    public DateTime AccessTokenExpiresAt { get; private set; }
    public DateTime? TokensRefreshedAt { get; private set; }
    public string? Scope { get; private set; }

    /// <summary>The agency chose to install the app on locations created later (then <c>LocationCreate</c> adds them).</summary>
    public bool InstallToFutureLocations { get; private set; }
    public int? InstalledByAdminId { get; private set; }
    public DateTime InstalledAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Set by an agency-level <c>AppUninstall</c>; a new install clears it.</summary>
    public DateTime? UninstalledAt { get; private set; }

    /// <summary>Why the tokens stopped working (refused refresh, uninstall), for the installations page.</summary>
    public string? Problem { get; private set; }

    public IReadOnlyList<GhlInstallationLocation> Locations => _locations;

    public static GhlInstallation Install(string companyId, GhlInstallGrant grant, int? adminId, DateTime now)
    {
        var installation = new GhlInstallation { CompanyId = Guard.NotBlank(companyId, "companyId", CompanyIdLength), InstalledAt = now };
        installation.Reinstall(grant, adminId, now);
        return installation;
    }

    /// <summary>A new code exchange for the same agency: new tokens, new approvals (added, never removing a linked one).</summary>
    public void Reinstall(GhlInstallGrant grant, int? adminId, DateTime now)
    {
        ReplaceTokens(grant.AccessTokenCipher, grant.RefreshTokenCipher, grant.AccessTokenExpiresAt, now);
        Scope = Guard.Truncate(grant.Scope, ScopeLength);
        InstallToFutureLocations = grant.InstallToFutureLocations;
        InstalledByAdminId = adminId ?? InstalledByAdminId;
        UninstalledAt = null;
        Problem = null;
        foreach (var locationId in grant.ApprovedLocationIds)
        {
            AddLocation(locationId, null, now);
        }
    }

    public void ReplaceTokens(string accessTokenCipher, string refreshTokenCipher, DateTime accessTokenExpiresAt, DateTime now)
    {
        AccessTokenCipher = accessTokenCipher;
        RefreshTokenCipher = refreshTokenCipher;
        AccessTokenExpiresAt = accessTokenExpiresAt;
        TokensRefreshedAt = now;
        UpdatedAt = now;
        Problem = null;
    }

    public void Rename(string? companyName, DateTime now)
    {
        CompanyName = Guard.Truncate(companyName, NameLength);
        UpdatedAt = now;
    }

    /// <summary>Adds an approved (or newly created) location once; a known one only gets its name filled in.</summary>
    public GhlInstallationLocation AddLocation(string locationId, string? name, DateTime now)
    {
        locationId = Guard.NotBlank(locationId, "locationId", GhlInstallationLocation.LocationIdLength);
        var existing = _locations.FirstOrDefault(l => l.LocationId == locationId);
        if (existing is not null)
        {
            existing.Rename(name);
            return existing;
        }

        var location = GhlInstallationLocation.Approve(locationId, Guard.Truncate(name, NameLength), now);
        _locations.Add(location);
        UpdatedAt = now;
        return location;
    }

    public void Uninstall(DateTime now)
    {
        UninstalledAt = now;
        Problem = "Uninstalled in GoHighLevel.";
        UpdatedAt = now;
    }

    public void RecordProblem(string problem, DateTime now)
    {
        Problem = Guard.Truncate(problem, NameLength * 2);
        UpdatedAt = now;
    }
}

/// <summary>What a code exchange for an agency gave, with the tokens already encrypted.</summary>
public sealed record GhlInstallGrant(
    string AccessTokenCipher, string RefreshTokenCipher, DateTime AccessTokenExpiresAt, string? Scope, bool InstallToFutureLocations,
    IReadOnlyList<string> ApprovedLocationIds);

/// <summary>A location an agency install covers, and the sub-account (and integration) it is linked to, once linked.</summary>
public sealed class GhlInstallationLocation : Entity
{
    public const int LocationIdLength = 128;

    private GhlInstallationLocation() { }

    public int GhlInstallationId { get; private set; }
    public string LocationId { get; private set; } = "";
    public string? Name { get; private set; }
    public int? SubAccountId { get; private set; }
    public int? IntegrationId { get; private set; }
    public DateTime AddedAt { get; private set; }
    public DateTime? LinkedAt { get; private set; }

    internal static GhlInstallationLocation Approve(string locationId, string? name, DateTime now) =>
        new() { LocationId = locationId, Name = name, AddedAt = now };

    internal void Rename(string? name)
    {
        Name = Guard.Truncate(name, GhlInstallation.NameLength) ?? Name;
    }

    public void Link(int subAccountId, int integrationId, DateTime now)
    {
        SubAccountId = subAccountId;
        IntegrationId = integrationId;
        LinkedAt = now;
    }
}
