using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Application.Leads;

internal static class VisibleLeads
{
    /// <summary>The lead, if the caller may see it; another tenant's lead is answered exactly like a missing one.</summary>
    public static async Task<Lead> FindAsync(IAppDbContext db, ICurrentUser user, int id, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        return lead is not null && user.CanSee(lead.SubAccountId) ? lead : throw new NotFoundException("Lead", id);
    }
}
