using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Tenancy;

namespace IntegrationHub.Application.Tenancy;

/// <summary>Sub-accounts as a connector that links external accounts to them needs them: names, and new ones by name.</summary>
public sealed class SubAccountProvisioning(IAppDbContext db, TimeProvider clock)
{
    /// <summary>Names of the given sub-accounts (missing ids are left out).</summary>
    public async Task<IReadOnlyDictionary<int, string>> NamesAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        await db.SubAccounts.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

    /// <summary>Every sub-account's id and name (for picking one to link to).</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> AllAsync(CancellationToken cancellationToken) =>
        (await db.SubAccounts.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
        .Select(s => (s.Id, s.Name)).ToList();

    /// <summary>The ids of sub-accounts with exactly each name (a name several share maps to all of them).</summary>
    public async Task<ILookup<string, int>> ByNameAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        (await db.SubAccounts.AsNoTracking().Where(s => names.Contains(s.Name)).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
        .ToLookup(s => s.Name, s => s.Id, StringComparer.Ordinal);

    /// <summary>
    /// A new sub-account, saved at once (its id is needed to link to it), in <paramref name="timezone"/> when that is an
    /// IANA time zone this machine knows (the external account's own), else in the default one.
    /// </summary>
    public async Task<int> CreateAsync(string name, string? timezone, CancellationToken cancellationToken)
    {
        var known = timezone is { Length: > 0 and <= FieldLengths.Timezone } && TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var zone) && zone.HasIanaId
            ? timezone
            : null;
        var subAccount = SubAccount.Create(name, known, clock.GetUtcNow().UtcDateTime);
        db.SubAccounts.Add(subAccount);
        await db.SaveChangesAsync(cancellationToken);
        return subAccount.Id;
    }
}
