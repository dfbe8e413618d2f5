namespace IntegrationHub.Application.Tenancy;

public sealed class TenantDirectory(IAppDbContext db) : ITenantDirectory
{
    public Task<bool> SubAccountExistsAsync(int subAccountId, CancellationToken cancellationToken) =>
        db.SubAccounts.AnyAsync(s => s.Id == subAccountId, cancellationToken);

    public Task<string> TimezoneAsync(int subAccountId, CancellationToken cancellationToken) =>
        db.SubAccounts.Where(s => s.Id == subAccountId).Select(s => s.Timezone).SingleAsync(cancellationToken);

    public Task<LeadOwner?> DefaultLeadOwnerAsync(int subAccountId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.SubAccountId == subAccountId).OrderBy(u => u.Id)
            .Select(u => new LeadOwner(u.Id, db.Strategies.Where(s => s.UserId == u.Id).OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefault()))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<int?> FirstStrategyAsync(int userId, CancellationToken cancellationToken) =>
        db.Strategies.Where(s => s.UserId == userId).OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
}
