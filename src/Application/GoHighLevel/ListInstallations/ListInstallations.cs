using IntegrationHub.Domain.Common;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Tenancy;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.GoHighLevel;

public sealed record ListInstallationsQuery : IQuery<IReadOnlyList<GhlInstallationDto>>;

/// <summary>
/// An approved location of an agency install and, once linked, its sub-account and integration. A location not linked
/// through the install but already connected by an integration of its own (e.g. "Connect with GoHighLevel" on a
/// sub-account) names that integration in <paramref name="ConnectedBy"/>: it cannot be linked elsewhere.
/// </summary>
public sealed record GhlInstallationLocationDto(
    string LocationId, string? Name, int? SubAccountId, string? SubAccountName, int? IntegrationId, string? IntegrationStatus, DateTime? LinkedAt,
    GhlLocationHolderDto? ConnectedBy = null);

/// <summary>The integration that already holds a location, and its sub-account.</summary>
public sealed record GhlLocationHolderDto(int IntegrationId, int SubAccountId, string? SubAccountName, string IntegrationStatus);

/// <summary>An agency (Company) install of the Marketplace app: never its tokens.</summary>
public sealed record GhlInstallationDto(
    string CompanyId, string? CompanyName, DateTime InstalledAt, DateTime? UninstalledAt, string? Problem, bool InstallToFutureLocations,
    DateTime AccessTokenExpiresAt, DateTime? TokensRefreshedAt, IReadOnlyList<GhlInstallationLocationDto> Locations);

/// <summary>
/// The agency installs and their locations. Names GoHighLevel did not give with the install are read on the way (with the
/// agency token, stored, a few per listing) so the list says which location is which.
/// </summary>
public sealed class ListInstallationsHandler(
    IAppDbContext db, GhlInstallationLinks links, GhlLocationNames names, SubAccountProvisioning subAccounts, IIntegrations integrations)
    : IQueryHandler<ListInstallationsQuery, IReadOnlyList<GhlInstallationDto>>
{
    public async ValueTask<IReadOnlyList<GhlInstallationDto>> Handle(ListInstallationsQuery query, CancellationToken cancellationToken)
    {
        var app = links.App();
        var installations = await db.GhlInstallations.Include(i => i.Locations).OrderBy(i => i.InstalledAt).ThenBy(i => i.Id)
            .ToListAsync(cancellationToken);
        if (await names.FillAsync(app, installations, cancellationToken) > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var unlinked = installations.SelectMany(i => i.Locations).Where(l => l.SubAccountId is null).Select(l => l.LocationId).Distinct().ToList();
        var holders = await integrations.HoldersOfLocationsAsync(unlinked, cancellationToken);
        var subAccountIds = installations.SelectMany(i => i.Locations).Select(l => l.SubAccountId).OfType<int>()
            .Concat(holders.Values.Select(h => h.SubAccountId)).Distinct().ToList();
        var subAccountNames = await subAccounts.NamesAsync(subAccountIds, cancellationToken);
        var statuses = (await integrations.OfKindAsync(IntegrationKind.GoHighLevel, subAccountIds, cancellationToken))
            .ToDictionary(i => i.Id, i => i.Status.ToApiName());
        return installations.Select(i => new GhlInstallationDto(
                i.CompanyId, i.CompanyName, i.InstalledAt, i.UninstalledAt, i.Problem, i.InstallToFutureLocations, i.AccessTokenExpiresAt,
                i.TokensRefreshedAt,
                i.Locations.OrderBy(l => l.Name ?? l.LocationId, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.LocationId, StringComparer.Ordinal)
                    .Select(l => new GhlInstallationLocationDto(
                        l.LocationId, l.Name, l.SubAccountId, l.SubAccountId is { } s ? subAccountNames.GetValueOrDefault(s) : null,
                        l.IntegrationId, l.IntegrationId is { } id ? statuses.GetValueOrDefault(id) : null, l.LinkedAt,
                        l.SubAccountId is null && holders.TryGetValue(l.LocationId, out var holder)
                            ? new GhlLocationHolderDto(holder.Id, holder.SubAccountId, subAccountNames.GetValueOrDefault(holder.SubAccountId), holder.Status.ToApiName())
                            : null))
                    .ToList()))
            .ToList();
    }
}
