using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Tenancy;
using IntegrationHub.Domain.Common;

namespace IntegrationHub.Application.GoHighLevel;

public sealed record LinkAllInstallationLocationsCommand(string CompanyId, bool? CreateSubAccounts) : ICommand<LinkAllResult>;

/// <param name="Outcome"><c>linked</c>, <c>skipped</c> or <c>failed</c>.</param>
public sealed record LinkAllLocationResult(string LocationId, string? Name, string Outcome, int? SubAccountId, int? IntegrationId, string? Reason);

public sealed record LinkAllResult(int Linked, int SubAccountsCreated, int Skipped, int Failed, IReadOnlyList<LinkAllLocationResult> Locations);

/// <summary>
/// Links every location of an agency install that is not linked yet to the sub-account named exactly like it: an existing
/// one when exactly one has that name; otherwise, with <c>createSubAccounts</c>, a new one of that name; otherwise the
/// location is skipped (and says why). A location another integration already holds (connected directly, say) is linked
/// only to that integration's sub-account, when it is the one so named; otherwise it is skipped, before anything is
/// created. A created sub-account takes the location's time zone. One location failing (GoHighLevel refuses its token)
/// does not stop the others.
/// </summary>
public sealed class LinkAllInstallationLocationsHandler(
    GhlInstallationLinks links, SubAccountProvisioning subAccounts, IIntegrations integrations, GhlLocationNames locations, ICurrentUser user)
    : ICommandHandler<LinkAllInstallationLocationsCommand, LinkAllResult>
{
    public async ValueTask<LinkAllResult> Handle(LinkAllInstallationLocationsCommand command, CancellationToken cancellationToken)
    {
        var installation = await links.LoadAsync(command.CompanyId, cancellationToken);
        GhlInstallationLinks.EnsureInstalled(installation);

        var unlinked = installation.Locations.Where(l => l.SubAccountId is null).OrderBy(l => l.Name ?? l.LocationId, StringComparer.Ordinal).ToList();
        var byName = await subAccounts.ByNameAsync(unlinked.Select(NameOf).Distinct().ToList(), cancellationToken);
        var holders = await integrations.HoldersOfLocationsAsync(unlinked.Select(l => l.LocationId).ToList(), cancellationToken);
        var results = new List<LinkAllLocationResult>();
        var created = 0;
        foreach (var location in unlinked)
        {
            var name = NameOf(location);
            var matches = byName[name].ToList();
            int subAccountId;
            if (holders.TryGetValue(location.LocationId, out var holder))
            {
                if (!matches.Contains(holder.SubAccountId))
                {
                    results.Add(Skipped(location, $"The location is already connected by integration {holder.Id} of sub-account {holder.SubAccountId} " +
                        "(a location belongs to one integration only): link it to that sub-account by hand, or delete that integration first."));
                    continue;
                }

                subAccountId = holder.SubAccountId;
            }
            else if (matches.Count == 1)
            {
                subAccountId = matches[0];
            }
            else if (matches.Count > 1)
            {
                results.Add(Skipped(location, $"{matches.Count} sub-accounts are named '{name}'; link this location by hand."));
                continue;
            }
            else if (command.CreateSubAccounts == true)
            {
                var timezone = await locations.TimezoneAsync(links.App(), installation, location.LocationId, cancellationToken);
                subAccountId = await subAccounts.CreateAsync(name, timezone, cancellationToken);
                created++;
            }
            else
            {
                results.Add(Skipped(location, $"No sub-account is named '{name}'; create one, or ask for createSubAccounts."));
                continue;
            }

            results.Add(await LinkOneAsync(installation, location, subAccountId, cancellationToken));
        }

        return new LinkAllResult(results.Count(r => r.Outcome == "linked"), created, results.Count(r => r.Outcome == "skipped"),
            results.Count(r => r.Outcome == "failed"), results);
    }

    private async Task<LinkAllLocationResult> LinkOneAsync(Domain.Integrations.GhlInstallation installation,
        Domain.Integrations.GhlInstallationLocation location, int subAccountId, CancellationToken cancellationToken)
    {
        try
        {
            var (integration, _) = await links.LinkAsync(installation, location, subAccountId, user.AdminId, cancellationToken);
            return new LinkAllLocationResult(location.LocationId, location.Name, "linked", subAccountId, integration.Id,
                integration.ErrorMessage);
        }
        catch (Exception ex) when (ex is GhlApiException or ConflictException or NotFoundException or ValidationException or DomainRuleException)
        {
            // Each location stands alone; every refusal comes before anything of this location is staged.
            return new LinkAllLocationResult(location.LocationId, location.Name, "failed", subAccountId, null, ex.Message);
        }
    }

    private static string NameOf(Domain.Integrations.GhlInstallationLocation location)
    {
        var name = location.Name ?? location.LocationId;
        return name.Length > FieldLengths.Name ? name[..FieldLengths.Name] : name;
    }

    private static LinkAllLocationResult Skipped(Domain.Integrations.GhlInstallationLocation location, string reason) =>
        new(location.LocationId, location.Name, "skipped", null, null, reason);
}
