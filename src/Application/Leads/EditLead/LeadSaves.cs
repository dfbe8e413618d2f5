namespace IntegrationHub.Application.Leads;

/// <summary>Saving a lead a person changed (an edit, a conflict resolved).</summary>
public static class LeadSaves
{
    /// <summary>
    /// Saves, or answers 409 when the lead changed since it was read (a GoHighLevel event or a contact push committed in
    /// between; the lead's row version says so): nothing is saved, and the caller reads the lead again and repeats the
    /// change, rather than the hub overwriting what it has not seen.
    /// </summary>
    public static async Task SaveOrConflictAsync(IAppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(
                "The lead was changed at the same moment (by GoHighLevel or another edit), so nothing was saved. Read it again and repeat the change.");
        }
    }
}
